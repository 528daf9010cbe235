"""Writes the jaxpr fixtures: for each paper task, the text `print(jax.make_jaxpr(f)(*args))` gives,
as NAME.jaxpr beside this script. Run once with JAX installed (CI never needs it):
    python3 -m venv /tmp/jaxvenv && /tmp/jaxvenv/bin/pip install jax jaxlib
    /tmp/jaxvenv/bin/python generate.py
The scalar tasks are read from stdlib/tasks/*.ccs and turned into Python line by line (their .ccs is
plain arithmetic), so that JAX traces the very computation ccs traces; the two networks are written
out below the way their .ccs files (and ccs's prelude) write them."""
import pathlib
import re

import jax
import jax.numpy as jnp
import jax.scipy.special

HERE = pathlib.Path(__file__).resolve().parent
TASKS = HERE.parents[2] / "stdlib" / "tasks"

NAMES = {"atan2": "jnp.arctan2", "atan": "jnp.arctan", "asin": "jnp.arcsin", "acos": "jnp.arccos",
         "asinh": "jnp.arcsinh", "acosh": "jnp.arccosh", "atanh": "jnp.arctanh", "erf": "jax.scipy.special.erf"}
for f in ["sin", "cos", "tan", "sinh", "cosh", "tanh", "exp", "log", "sqrt", "abs"]:
    NAMES[f] = "jnp." + f


def expression(text):
    text = text.replace("^", "**")
    return re.sub(r"\b([a-z][a-z0-9]*)\(", lambda m: NAMES.get(m.group(1), m.group(1)) + "(", text)


def translate(source):
    """The functions and constants of a scalar task's .ccs as Python."""
    out, inside = [], False
    for line in source.splitlines():
        line = line.split("#")[0].rstrip()
        if not line:
            continue
        if inside:
            body = line.strip()
            if body == "}":
                inside = False
            elif body.startswith("let "):
                out.append("    " + expression(body[4:]))
            else:
                out.append("    return " + expression(body))
            continue
        m = re.match(r"fn (\w+)\((.*?)\) = (.*)", line)
        if m:
            out.append(f"def {m.group(1)}({m.group(2)}):\n    return {expression(m.group(3))}")
            continue
        m = re.match(r"fn (\w+)\((.*?)\) \{", line)
        if m:
            out.append(f"def {m.group(1)}({m.group(2)}):")
            inside = True
            continue
        m = re.match(r"let (\w+) = (-?[0-9.]+)$", line)
        if m:
            out.append(f"{m.group(1)} = {m.group(2)}")
    return "\n".join(out)


def scalar_task(name, arity, value):
    scope = {"jnp": jnp, "jax": jax}
    exec(translate((TASKS / f"{name}.ccs").read_text()), scope)
    return scope[name], [jnp.float32(value)] * arity


# The networks, as stdlib/tasks/Perceptron.ccs and Encoder.ccs write them (softmax, silu and
# cross_entropy as ccs's prelude defines them).
def softmax(x, axis):
    e = jnp.exp(x - jax.lax.stop_gradient(jnp.max(x, axis=axis, keepdims=True)))
    return e / jnp.sum(e, axis=axis, keepdims=True)


def cross_entropy(logits, labels, axis):
    return -jnp.sum(labels * jnp.log(softmax(logits, axis)), axis=axis)


def silu(x):
    return x * (1 / (1 + jnp.exp(-x)))


def LN(x, gamma, beta):
    mu = jnp.sum(x, axis=1) / x.shape[1]
    var = jnp.sum((x - mu) ** 2, axis=1) / x.shape[1]
    return (x - mu) / jnp.sqrt(var + 1e-6) * gamma + beta


def Perceptron(x, y, W1, b1, W2, b2, gamma, beta):
    h = jnp.tanh(jnp.transpose(jnp.tensordot(W1, x, (1, 1))) + b1)
    n = LN(h, gamma, beta)
    o = jnp.tanh(jnp.transpose(jnp.tensordot(W2, n, (1, 1))) + b2)
    return cross_entropy(o, y, 1)


def attention(q, k, v):
    return softmax(jnp.transpose(q) @ k, 1) @ v


def block(x, WQ, WK, WV, W, b, gamma, beta):
    q = WQ @ x
    k = WK @ x
    v = WV @ x
    a = x + attention(q, k, v)
    return silu(W @ LN(a, gamma, beta) + b)


def Encoder(x, y, WQ1, WQ2, WK1, WK2, WV1, WV2, W1, W2, b1, b2, gamma0, beta0, gamma1, beta1):
    z1 = block(x, WQ1, WK1, WV1, W1, b1, gamma0, beta0)
    z2 = block(z1, WQ2, WK2, WV2, W2, b2, gamma1, beta1)
    return cross_entropy(z2, y, 1)


def zeros(*shape):
    return jnp.zeros(shape, dtype=jnp.float32)


NETWORKS = {
    "Perceptron": (Perceptron, [zeros(1, 4), zeros(1, 4), zeros(8, 4), zeros(8), zeros(4, 8), zeros(4),
                                jnp.float32(0), jnp.float32(1)]),
    "Encoder": (Encoder, [zeros(4, 4), zeros(2, 4)] + [zeros(4, 4)] * 6 + [zeros(4, 4), zeros(2, 4), zeros(4), zeros(2, 1)]
                + [jnp.float32(0), jnp.float32(1)] * 2),
}

SCALAR = {"RoeFlux_1d": (6, 0.01), "RobotArm_6DOF": (6, 0.02), "HumanHeartDipole": (8, 0.15),
          "PropaneCombustion": (11, 0.15), "g": (15, 0.15)}

if __name__ == "__main__":
    for name, (arity, value) in SCALAR.items():
        f, args = scalar_task(name, arity, value)
        (HERE / f"{name}.jaxpr").write_text(str(jax.make_jaxpr(f)(*args)) + "\n")
    for name, (f, args) in NETWORKS.items():
        (HERE / f"{name}.jaxpr").write_text(str(jax.make_jaxpr(f)(*args)) + "\n")
    print("jax", jax.__version__)
