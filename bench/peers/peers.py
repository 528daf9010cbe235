"""scripts/bench peers: ccs's exported C beside CasADi's generated C and JAX on the four scalar tasks.

Run through bench/peers/run (which makes the pinned virtual environment and pins the process to one
core). Every variant's Jacobian is first checked against ccs's interpreter at the paper's point and
against the others at all timed points; timings are printed only when they agree.
"""
import argparse
import ctypes
import json
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import time
from types import SimpleNamespace

os.environ.setdefault("XLA_FLAGS", "--xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1")
os.environ.setdefault("JAX_PLATFORMS", "cpu")

import casadi  # noqa: E402
import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import jaxlib  # noqa: E402
import numpy as np  # noqa: E402

from tasks import TASKS  # noqa: E402

jax.config.update("jax_enable_x64", True)

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
BATCH = 512
TOLERANCE = 1e-12
# The doubled-arithmetic variants round differently where the compiler fused a multiplication into an
# addition that the extra `+ 0` now separates; they need only show the same Jacobian.
DOUBLED_TOLERANCE = 1e-9


def run(command, **kwargs):
    """Runs a command, failing with its output when it fails."""
    done = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if done.returncode != 0:
        sys.exit(f"peers: error: {' '.join(command)} failed:\n{done.stdout}{done.stderr}")
    return done.stdout


def compile_shared(sources, library, cc, cflags, extra=()):
    run([cc, *cflags, "-shared", *sources, "-o", library, *extra])
    return ctypes.CDLL(library)


def disagreement(a, b):
    """The largest difference between two stacks of Jacobians relative to each point's largest entry
    (the max-norm: entries that cancel to almost nothing carry no relative digits); NaN matches only NaN."""
    a, b = a.reshape(len(a), -1), b.reshape(len(b), -1)
    diff = np.abs(a - b)
    diff[(a == b) | (np.isnan(a) & np.isnan(b))] = 0
    with np.errstate(invalid="ignore", divide="ignore"):
        relative = diff.max(axis=1) / np.maximum(np.nanmax(np.abs(a), axis=1), np.nanmax(np.abs(b), axis=1))
    relative[diff.max(axis=1) == 0] = 0
    return float(np.max(np.where(np.isnan(relative), np.inf, relative)))


def namespace(module, atan2, fabs):
    """The math a task is written against, from one module."""
    return SimpleNamespace(sqrt=module.sqrt, sin=module.sin, cos=module.cos, atan2=atan2, fabs=fabs)


# ----- ccs: the interpreter's reference Jacobian, costs, orders and the exported C

class Ccs:
    def __init__(self, binary, work):
        self.binary, self.work = binary, work

    def script(self, source):
        return run([self.binary, "-e", source], cwd=REPO)

    def reference(self, task):
        """The paper point and the interpreter's Jacobian (Markowitz order) that the task's .ccs script traces."""
        out = self.script(
            f'let m = use("stdlib/tasks/{task}.ccs")\n'
            'print(map(fn(x) = str(x), m.point))\n'
            'print(map(fn(r) = map(fn(x) = str(x), r), dense(jacobian(m.traced, order: markowitz))))\n')
        point, jac = out.strip().splitlines()
        return [float(v) for v in json.loads(point)], np.array(json.loads(jac), dtype=float, ndmin=2)

    def best_order(self, task, seconds, model="paper"):
        """An order searched under a cost model, cached in the work folder so that reruns time the
        same code."""
        path = os.path.join(self.work, "orders", f"{task}.json" if model == "paper" else f"{task}.{model}.json")
        if not os.path.exists(path):
            os.makedirs(os.path.dirname(path), exist_ok=True)
            if model == "paper":
                found = run([self.binary, "search", task, "--seconds", str(seconds), "--chains", "1", "--json"])
            else:  # models that read partials need the task's traced graph, which the .ccs script holds
                order = self.script(f'let m = use("stdlib/tasks/{task}.ccs")\n'
                                    f'print(search(m.traced, seconds: {seconds}, model: {model}).order)\n')
                found = json.dumps({"order": json.loads(order)})
            with open(path + ".tmp", "w") as f:
                f.write(found)
            os.replace(path + ".tmp", path)
        with open(path) as f:
            return json.load(f)["order"]

    def cost(self, task, order, model="paper"):
        """The order's `ccs cost` JSON under a model, or None where the model is not there."""
        model_option = [] if model == "paper" else ["--model", model]  # paper: the default, in every ccs
        done = subprocess.run([self.binary, "cost", task, "--order", order, *model_option, "--json"],
                              capture_output=True, text=True)
        return json.loads(done.stdout) if done.returncode == 0 else None

    def code_multiplications(self, task, order):
        """The multiplications of the generated code for an order (the `code` model's `mul` count), or None."""
        found = self.cost(task, order, "code") or {}
        counts = found.get("counts") if isinstance(found.get("counts"), dict) else found
        value = counts.get("mul", counts.get("multiplications"))
        return value if isinstance(value, (int, float)) else None

    def export(self, task, label, order, cc, cflags):
        """The exported C of the task for an order, compiled: (library, symbol, the flags the header
        added, its multiplications per point — the `code` model's, else the source's own count)."""
        out = os.path.join(self.work, "ccs", f"{task}_{label}")
        os.makedirs(os.path.dirname(out), exist_ok=True)
        run([self.binary, "export", f"stdlib/tasks/{task}.ccs", "--graph", task, "--order", order, "--out", out],
            cwd=REPO)
        with open(out + ".h") as f:
            header = f.read()
        found = re.search(r"void\s+(\w+)_jacobian\s*\(\s*const\s+double\s*\*\s*\w*\s*,\s*double\s*\*\s*\w*\s*,\s*long", header)
        if not found:
            sys.exit(f"peers: error: {out}.h declares no `void NAME_jacobian(const double *x, double *jac, long n)`")
        # What the header asks for: libraries (-lm, -lmvec), ccs's own switches (-DCCS_…, e.g. to call
        # glibc's vector math) and -fopenmp-simd, which only lets `omp simd` pragmas vectorize; never
        # an optimization flag, so that ccs's C and CasADi's are compiled alike.
        links = sorted(set(re.findall(r"(?<![\w-])(-l[\w.+-]+|-DCCS_\w+|-fopenmp-simd)\b", header)))
        library = compile_shared([out + ".c"], out + ".so", cc, cflags, links)
        multiplications = self.code_multiplications(task, order)
        if multiplications is None:
            with open(out + ".c") as f:
                counted = re.search(r"Per point:\s*(\d+) mul\b", f.read(4096))
            multiplications = int(counted.group(1)) if counted else None
        return library, found.group(1) + "_jacobian", links, multiplications

    def export_with_doubled_arithmetic(self, task, label, cc, cflags, links):
        """The exported C of `export(task, label, …)` with its vector Jacobian kernel's arithmetic done
        twice, compiled, and how many multiplications, additions and subtractions that kernel has."""
        out = os.path.join(self.work, "ccs", f"{task}_{label}")
        with open(out + ".c") as f:
            source = f.read()
        doubled, added = doubled_arithmetic(source)
        if added == 0:
            sys.exit(f"peers: error: {out}.c: no vector Jacobian kernel statements to double")
        with open(out + "_x2.c", "w") as f:
            f.write(doubled)
        return compile_shared([out + "_x2.c"], out + "_x2.so", cc, cflags, links), added


def doubled_arithmetic(source):
    """ccs's exported C with every multiplication, addition and subtraction of the vector Jacobian
    kernels (`ccs_lanes…`, not the outputs' kernel) followed by one more of its kind — `× 1` or `+ 0`
    of a value read through a volatile, which the compiler cannot fold — and how many were added.
    The time this adds is what the kernel's arithmetic costs where it runs: what an order that
    performs fewer operations can at most save, as everything else (divisions, calls, loads and
    stores) stays."""
    statement = re.compile(r"^(    const ccs_v t\d+ = )(\S+) ([-+*]) (\S+);$")
    lines, inside, added = [], False, 0
    for line in source.split("\n"):
        if line.startswith("static void ccs_lanes") and not line.startswith("static void ccs_lanes_outputs"):
            inside = True
            lines += [line, "    const ccs_v ccs_one = CCS_SPLAT(ccs_probe_one), ccs_zero = CCS_SPLAT(ccs_probe_zero);"]
            continue
        if inside and line == "}":
            inside = False
        found = statement.match(line) if inside else None
        if found:
            head, a, op, b = found.groups()
            line = f"{head}({a} {op} {b}) {'* ccs_one' if op == '*' else '+ ccs_zero'};"
            added += 1
        lines.append(line)
    prelude = "static volatile double ccs_probe_one = 1.0, ccs_probe_zero = 0.0;\n"
    text = "\n".join(lines)
    first_kernel = text.find("static void ccs_lanes")
    return (text[:first_kernel] + prelude + text[first_kernel:] if first_kernel >= 0 else text), added


# ----- the variants: each computes dense Jacobians (points × outputs × inputs) and times n points

class CVariant:
    """A compiled Jacobian called from harness.c: `call(x, out, n, reps)` gives nanoseconds per call and
    leaves `width` numbers per point in out, which `to_dense` makes points × outputs × inputs."""

    def __init__(self, name, width, call, to_dense, multiplications=None):
        self.name, self.width, self.call, self.to_dense = name, width, call, to_dense
        self.multiplications = multiplications  # in the generated code, where known
        self.outputs = {}  # one output buffer per batch size, written before it is timed

    def evaluate(self, x, reps):
        if len(x) not in self.outputs:
            self.outputs[len(x)] = aligned(np.full((len(x), self.width), np.nan))
        out = self.outputs[len(x)]
        nanoseconds = self.call(np.ascontiguousarray(x, dtype=np.float64), out, len(x), reps)
        if nanoseconds < 0:
            sys.exit(f"peers: error: {self.name}: the work vectors could not be allocated")
        return out, nanoseconds * 1e-9

    def jacobian(self, x):
        return self.to_dense(self.evaluate(x, 1)[0].copy())

    def time(self, x, reps):
        return self.evaluate(x, reps)[1]


def pointer(array):
    return array.ctypes.data_as(ctypes.c_void_p)


def aligned(array, boundary=64):
    """A copy of a float64 array starting on a `boundary`-byte line. NumPy aligns to 16 bytes, so
    buffers fell differently across cache lines from variant to variant; a vector store that
    straddles two lines costs more, and variants doing the same work differed by up to 60 %."""
    raw = np.empty(array.size + boundary // 8)
    start = (-raw.ctypes.data % boundary) // 8
    out = raw[start:start + array.size].reshape(array.shape)
    out[...] = array
    return out


def ccs_variant(name, harness, library, symbol, nin, nout, multiplications):
    f = ctypes.cast(library[symbol], ctypes.c_void_p)

    def call(x, jac, n, reps):
        return harness.time_batch(f, pointer(x), pointer(jac), n, reps)

    return CVariant(name, nout * nin, call, lambda out: out.reshape(-1, nout, nin), multiplications)


def casadi_variant(task, fn, nin, harness, work_dir, cc, cflags, mode, cse):
    """CasADi: the SX Jacobian of the outputs w.r.t. the inputs by forward or reverse AD (the option
    ad_weight 0 or 1; forward is what jacobian(y, x) picks here), generated as C and compiled."""
    fname = f"{task}_{mode}{'_cse' if cse else ''}"
    math = namespace(casadi, casadi.atan2, casadi.fabs)
    x = casadi.SX.sym("x", nin)
    y = casadi.vertcat(*fn(math, casadi.vertsplit(x)))
    f = casadi.Function("f", [x], [y], {"ad_weight": 0 if mode == "fwd" else 1})
    unused_output = casadi.SX.sym("y", y.size1())  # the Jacobian function's second input, the nominal output
    jac = casadi.Function(fname, [x], [f.jacobian()(x, unused_output)], {"cse": cse})
    os.makedirs(work_dir, exist_ok=True)
    generator = casadi.CodeGenerator(fname + ".c", {"with_header": True})
    generator.add(jac)
    generator.generate(work_dir + os.sep)
    source = os.path.join(work_dir, fname + ".c")
    library = compile_shared([source], source[:-2] + ".so", cc, cflags, ["-lm"])
    sparsity = jac.sparsity_out(0)
    rows, cols = sparsity.get_triplet()
    nout, nnz = sparsity.size1(), sparsity.nnz()
    f = ctypes.cast(library[fname], ctypes.c_void_p)
    work = ctypes.cast(library[fname + "_work"], ctypes.c_void_p)

    def call(x, out, n, reps):
        return harness.time_casadi(f, work, pointer(x), pointer(out), nin, nnz, n, reps)

    def to_dense(out):
        dense = np.zeros((out.shape[0], nout, nin))
        dense[:, rows, cols] = out
        return dense

    multiplications = sum(jac.instruction_id(k) == casadi.OP_MUL for k in range(jac.n_instructions()))
    return CVariant(f"CasADi {mode}" + (" cse" if cse else ""), nnz, call, to_dense, multiplications)


class JaxVariant:
    """JAX: jit(vmap(jacfwd|jacrev)) of the stacked outputs, float64, called with a device array."""

    def __init__(self, task, mode):
        self.name = f"JAX {mode}"
        self.multiplications = None
        math = namespace(jnp, jnp.arctan2, jnp.abs)

        def stacked(x):
            return jnp.stack(task(math, tuple(x[i] for i in range(x.shape[0]))))

        self.f = jax.jit(jax.vmap((jax.jacfwd if mode == "jacfwd" else jax.jacrev)(stacked)))

    def jacobian(self, x):
        return np.asarray(self.f(jnp.asarray(x)))

    def time(self, x, reps):
        x = jnp.asarray(x)
        self.f(x).block_until_ready()
        start = time.perf_counter_ns()
        for _ in range(reps):
            self.f(x).block_until_ready()
        return (time.perf_counter_ns() - start) * 1e-9 / reps


# ----- measuring

def calibrated_reps(variant, x, target):
    """Repetitions that make one measurement last about `target` seconds."""
    reps = 1
    while True:
        seconds = variant.time(x, reps) * reps
        if seconds >= target / 4 or reps >= 1 << 24:
            return max(1, int(reps * target / max(seconds, 1e-9)))
        reps *= 8


def measure(variants, inputs, rounds, target, probe):
    """Seconds per call of each (variant, batch) from rounds in which every variant is timed in a
    shuffled turn, bracketed by timings of `probe` at the largest batch; and a line saying which
    regimes the rounds fell into. A virtual machine's host runs the same code at a few distinct
    speeds that last seconds to minutes, and the ratios between variants change with the speed, so
    the figures are medians over the rounds of one regime only (`regime`), as ccs's own
    JacobianTimer takes them."""
    reps = {(v.name, b): calibrated_reps(v, x, target) for v in variants for b, x in inputs.items()}
    batch = max(inputs)
    probe_reps = calibrated_reps(probe, inputs[batch], target)
    order = random.Random(5)
    records = []
    for _ in range(rounds):
        before = probe.time(inputs[batch], probe_reps)
        times = {}
        for v in order.sample(variants, len(variants)):
            for b, x in inputs.items():
                times[(v.name, b)] = v.time(x, reps[(v.name, b)])
        records.append((before, probe.time(inputs[batch], probe_reps), times))
    chosen, regimes = regime([(before, after) for before, after, _ in records])
    described = ", ".join(f"{1e6 * p:.2f} µs × {n}" for p, n in regimes)
    note = (f"regimes (probe {probe.name} at {batch} points × rounds): {described or 'none steady'}; "
            f"figures from {len(chosen)} rounds")
    return {key: statistics.median(records[k][2][key] for k in chosen) for key in reps}, note


# How far the probe may move within a round for the round to count, and how far above a regime's
# fastest probe its rounds reach: the values of ccs's TimingRounds (regimes were seen 5 % apart and
# more, the probe steady within 0.1 % inside one).
STEADINESS, BAND = 0.02, 0.03


def regime(probes):
    """The rounds (indices) the figures come from, given each round's probe time before and after
    it, and the regimes as (median probe time, rounds): steady rounds (the probe moved less than
    STEADINESS) grouped by probe time, fastest first; the chosen one is the fastest holding at least
    a tenth of the steady rounds (and three), else the largest, else every round."""
    probe = [(before + after) / 2 for before, after in probes]
    steady = sorted((k for k, (before, after) in enumerate(probes)
                     if abs(after - before) <= STEADINESS * min(before, after)), key=lambda k: probe[k])
    groups = []
    for k in steady:
        if groups and probe[k] <= probe[groups[-1][0]] * (1 + BAND):
            groups[-1].append(k)
        else:
            groups.append([k])
    regimes = [(statistics.median(probe[k] for k in g), len(g)) for g in groups]
    enough = [g for g in groups if len(g) >= max(3, len(steady) // 10)]
    chosen = enough[0] if enough else max(groups, key=len) if groups else list(range(len(probes)))
    return sorted(chosen), regimes


def points(fn, point, count, seed):
    """The paper's point and `count - 1` points scattered ±5 % around it where the task is finite
    (RoeFlux_1d's speed of sound is the square root of a small margin)."""
    rng = np.random.default_rng(seed)
    math = namespace(np, np.arctan2, np.abs)
    kept = [np.asarray(point, dtype=float)]
    while len(kept) < count:
        x = kept[0] * (1 + 0.05 * rng.uniform(-1, 1, len(point)))
        with np.errstate(invalid="ignore"):
            if np.all(np.isfinite(fn(math, x))):
                kept.append(x)
    return np.array(kept)


def check(task, variants, ref, batch, tolerance=TOLERANCE):
    """The largest disagreement of the variants with ccs's interpreter at the paper's point (batch[0])
    and with the first variant at every point; exits, before any timing, beyond the tolerance."""
    first = variants[0].jacobian(batch)
    worst = 0.0
    for v in variants:
        for what, got, want in (("ccs's interpreter at the paper point", v.jacobian(batch[:1]), ref[None]),
                                (f"{variants[0].name} at {len(batch)} points", v.jacobian(batch), first)):
            if got.shape != want.shape:
                sys.exit(f"peers: error: {task}: {v.name}: Jacobians of shape {got.shape}, expected {want.shape}")
            d = disagreement(got, want)
            if not d <= tolerance:
                sys.exit(f"peers: error: {task}: {v.name} differs from {what} by {d:.1e} relative "
                         f"(tolerance {tolerance:g}); no timings are printed")
            worst = max(worst, d)
    return worst


def order_rows(task, orders, ccs_times, code, ccs, doubled, arithmetic):
    """Each order's paper cost, code multiplications, and time saving against forward beside the code
    saving; the share of its time at BATCH points that its arithmetic takes (`doubled_arithmetic`);
    and the saving that share predicts: forward's share times the fraction of forward's arithmetic
    operations the order does not perform, since the rest of the time (divisions, calls, loads,
    stores) is the same for every order."""
    forward1, forwardb = ccs_times["forward"]
    forward_share = doubled["forward"] / forwardb - 1
    rows = []
    for o, order in orders.items():
        t1, tb = ccs_times[o]
        share = doubled[o] / tb - 1
        predicted = forward_share * (1 - arithmetic[o] / arithmetic["forward"])
        code_save = 1 - code[o] / code["forward"] if code[o] and code["forward"] else None
        # The target applies where the order saves multiplications over forward.
        verdict = "—" if code_save is None or code_save <= 0 else "met" if 1 - tb / forwardb >= 0.7 * code_save else "missed"
        rows.append([task, o, str(ccs.cost(task, order)["cost"]), "—" if code[o] is None else str(code[o]),
                     f"{1 - t1 / forward1:+.0%}", f"{1 - tb / forwardb:+.0%}",
                     "—" if code_save is None else f"{code_save:+.0%}", verdict, f"{share:.0%}", f"{predicted:+.0%}"])
    return rows


def target_row(task, ccs_times, best):
    """The fastest ccs order at each batch size against the fastest CasADi C and JAX variants."""
    verdict = {True: "met", False: "missed"}
    at1 = min(ccs_times, key=lambda o: ccs_times[o][0])
    atb = min(ccs_times, key=lambda o: ccs_times[o][1])
    ccs1, ccsb = ccs_times[at1][0], ccs_times[atb][1]
    casadi, jax_ = best["CasADi"], best["JAX"]
    return [task, f"{at1}: {ccs1 * 1e6:.3f} vs {casadi[1] * 1e6:.3f} µs, {verdict[ccs1 <= casadi[1]]}",
            f"{atb}: {casadi[BATCH] / ccsb:.2f}×, {verdict[casadi[BATCH] >= 2 * ccsb]}",
            f"{jax_[BATCH] / ccsb:.1f}×, {verdict[jax_[BATCH] >= 10 * ccsb]}"]


# ----- the run

def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ccs", required=True, help="the ccs binary")
    parser.add_argument("--work", required=True, help="folder for generated code and libraries")
    parser.add_argument("--tasks", nargs="*", default=list(TASKS), choices=list(TASKS))
    parser.add_argument("--rounds", type=int, default=21)
    parser.add_argument("--target-ms", type=float, default=3.0, help="length of one measurement")
    parser.add_argument("--search-seconds", type=float, default=5.0)
    parser.add_argument("--no-ccs-export", action="store_true", help="time the peers only")
    args = parser.parse_args()

    cc = os.environ.get("CC", "cc")
    cflags = os.environ.get("CFLAGS", "-O3 -march=native -fPIC").split()
    os.makedirs(args.work, exist_ok=True)
    harness = compile_shared([os.path.join(HERE, "harness.c")], os.path.join(args.work, "harness.so"), cc, cflags)
    harness.time_batch.restype = harness.time_casadi.restype = ctypes.c_double
    harness.time_batch.argtypes = [ctypes.c_void_p] * 3 + [ctypes.c_long] * 2
    harness.time_casadi.argtypes = [ctypes.c_void_p] * 4 + [ctypes.c_long] * 4
    ccs = Ccs(args.ccs, args.work)
    if not args.no_ccs_export and not re.search(r"^\s+export\s", run([args.ccs, "--help"]), re.MULTILINE):
        print("peers: this ccs has no `export` command: timing the peers alone")
        args.no_ccs_export = True

    compiler = run([cc, "--version"]).splitlines()[0]
    print(f"peers: ccs exported C, CasADi {casadi.__version__} generated C, JAX {jax.__version__} "
          f"(jaxlib {jaxlib.__version__}); Python {platform.python_version()}, numpy {np.__version__}")
    print(f"C: {compiler}, {cc} {' '.join(cflags)}; CasADi: SX Function, Jacobian by ad_weight 0|1 (fwd|rev), "
          f"option cse false|true, CodeGenerator with_header; called once per point")
    print(f"JAX: jit(vmap(jacfwd|jacrev)), float64, XLA_FLAGS={os.environ['XLA_FLAGS']}")
    print(f"CPU affinity {sorted(os.sched_getaffinity(0))}; {args.rounds} rounds of the variants in shuffled turn, "
          f"~{args.target_ms:g} ms a measurement, medians over the rounds of one regime of the host; {load()}")

    rows, orders_rows, target_rows = [], [], []
    for task in args.tasks:
        fn, point = TASKS[task]
        ref_point, ref = ccs.reference(task)
        if ref_point != list(point):
            sys.exit(f"peers: error: {task}: the .ccs point {ref_point} is not the paper's {list(point)}")
        work = os.path.join(args.work, "casadi")
        variants = [casadi_variant(task, fn, len(point), harness, work, cc, cflags, mode, cse)
                    for mode in ("fwd", "rev") for cse in (False, True)]
        variants += [JaxVariant(fn, mode) for mode in ("jacfwd", "jacrev")]
        orders, flags, doubled_variants, arithmetic = {}, set(), [], {}
        if not args.no_ccs_export:
            orders = {o: o for o in ("forward", "reverse", "markowitz")}
            orders["best"] = ",".join(map(str, ccs.best_order(task, args.search_seconds)))
            orders["code-best"] = ",".join(map(str, ccs.best_order(task, args.search_seconds, model="code")))
            for label, order in orders.items():
                library, symbol, extra, multiplications = ccs.export(task, label, order, cc, cflags)
                flags.update(extra)
                variants.append(ccs_variant(f"ccs {label}", harness, library, symbol, len(point), ref.shape[0],
                                            multiplications))
                doubled, arithmetic[label] = ccs.export_with_doubled_arithmetic(task, label, cc, cflags, extra)
                doubled_variants.append(ccs_variant(f"ccs {label} ×2", harness, doubled, symbol, len(point), ref.shape[0], None))

        batch = points(fn, point, BATCH, seed=1)
        worst = check(task, variants, ref, batch)
        print(f"{task}: {len(variants)} variants agree with ccs's interpreter within {worst:.1e} relative"
              + (f"; exported C built with {' '.join(sorted(flags))}" if flags else ""), flush=True)
        check(task, doubled_variants, ref, batch, DOUBLED_TOLERANCE)

        inputs = {1: aligned(batch[:1]), BATCH: aligned(batch)}
        probe = next((v for v in variants if v.name == "ccs forward"), variants[0])
        times, regimes = measure(variants + doubled_variants, inputs, args.rounds, args.target_ms * 1e-3, probe)
        print(f"{task}: {regimes}", flush=True)
        best = {kind: {b: min(t for (name, bb), t in times.items() if name.startswith(kind) and bb == b)
                       for b in (1, BATCH)} for kind in ("CasADi", "JAX")}
        for v in variants:
            t1, tb = times[(v.name, 1)], times[(v.name, BATCH)]
            row = [task, v.name, "—" if v.multiplications is None else str(v.multiplications),
                   f"{t1 * 1e6:.3f}", f"{tb * 1e6:.2f}"]
            if v.name.startswith("ccs"):
                row += [f"{best['CasADi'][1] / t1:.2f}×", f"{best['CasADi'][BATCH] / tb:.2f}×",
                        f"{best['JAX'][1] / t1:.1f}×", f"{best['JAX'][BATCH] / tb:.1f}×"]
            rows.append(row)
        if orders:
            ccs_times = {o: (times[(f"ccs {o}", 1)], times[(f"ccs {o}", BATCH)]) for o in orders}
            code = {v.name[len("ccs "):]: v.multiplications for v in variants if v.name.startswith("ccs")}
            doubled = {o: times[(f"ccs {o} ×2", BATCH)] for o in orders}
            orders_rows += order_rows(task, orders, ccs_times, code, ccs, doubled, arithmetic)
            target_rows.append(target_row(task, ccs_times, best))

    print()
    header = ["task", "variant", "mul", "µs B=1", f"µs /{BATCH} pts"]
    if orders_rows:
        header += ["CasADi÷ccs B=1", f"CasADi÷ccs {BATCH}", "JAX÷ccs B=1", f"JAX÷ccs {BATCH}"]
    table(header, rows)
    if orders_rows:
        print("\nccs orders against forward (time saving; the `code` multiplication saving; target: "
              f"time saving at {BATCH} points ≥ 0.7 × code saving; arithmetic: the share of the time at {BATCH} "
              "points that doing the kernel's multiplications and additions once more adds; predicted: forward's "
              "share × the fraction of forward's arithmetic the order leaves out)")
        table(["task", "order", "paper", "code mul", "time save B=1", f"time save {BATCH}", "code save", "target",
               "arithmetic", "predicted"], orders_rows)
        print("\ntargets (the fastest ccs order against the fastest CasADi C and the faster JAX variant)")
        table(["task", "B=1: ccs ≤ CasADi C", f"{BATCH} pts: CasADi÷ccs ≥ 2×", f"{BATCH} pts: JAX÷ccs ≥ 10×"], target_rows)
    print(f"\nafter the run: {load()}")


def load():
    """The machine's load average, as uptime prints it."""
    return "load average" + run(["uptime"]).split("load average")[-1].rstrip()


def table(header, rows):
    """Prints rows under a header, the first two columns left-aligned, the rest right-aligned; a short
    row leaves its last cells empty."""
    rows = [header, *[[*r, *[""] * (len(header) - len(r))] for r in rows]]
    widths = [max(len(str(r[i])) for r in rows) for i in range(len(header))]
    for r in rows:
        print("  ".join(str(c).ljust(w) if i < 2 else str(c).rjust(w) for i, (c, w) in enumerate(zip(r, widths))).rstrip())


if __name__ == "__main__":
    main()
