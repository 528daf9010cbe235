"""Writes special-values.json: JAX's Jacobians of functions meeting inf and NaN, the oracle the
special-value tests compare ccs against. Run once with JAX installed (CI never needs it):
    python3 special_values.py > special-values.json
Each case names a .ccs function (the same computation), a point and JAX's Jacobian, rows = output
elements, columns = input elements; nan and ±inf are written as strings."""
import json
import jax
import jax.numpy as jnp

jax.config.update("jax_enable_x64", True)
inf = jnp.inf

CASES = [
    # (name, .ccs source of f, JAX f, point as a list of inputs)
    ("where_log_at_0", "fn(x) = where(x > 0, log(x), 0)", lambda x: jnp.where(x > 0, jnp.log(x), 0.0), [0.0]),
    ("where_log_at_neg", "fn(x) = where(x > 0, log(x), 0)", lambda x: jnp.where(x > 0, jnp.log(x), 0.0), [-1.0]),
    ("max_neg_inf", "fn(x, y) = max(x, y)", jnp.maximum, [1.0, -inf]),
    ("max_nan", "fn(x, y) = max(x, y) * 2", lambda x, y: jnp.maximum(x, y) * 2, [float("nan"), 1.0]),
    ("softmax_neg_inf", "fn(x) = softmax(x)", jax.nn.softmax, [[1.0, -inf, 2.0]]),
    ("softmax_pos_inf", "fn(x) = softmax(x)", jax.nn.softmax, [[1.0, inf, 2.0]]),
    ("exp_neg_inf", "fn(x, y) = exp(x) * y", lambda x, y: jnp.exp(x) * y, [-inf, 3.0]),
    ("div_by_zero", "fn(x, y) = x / y + y", lambda x, y: x / y + y, [1.0, 0.0]),
    ("sqrt_at_0", "fn(x) = sqrt(x) * 0", lambda x: jnp.sqrt(x) * 0.0, [0.0]),
    ("where_nan_branch", "fn(x, y) = where(is_nan(x), 0, x^2) + where(is_inf(y), 0, y)", lambda x, y: jnp.where(jnp.isnan(x), 0.0, x**2) + jnp.where(jnp.isinf(y), 0.0, y), [float("nan"), -inf]),
    ("softmax_nan", "fn(x) = softmax(x)", jax.nn.softmax, [[1.0, float("nan"), 2.0]]),
]


def encode(x):
    x = float(x)
    if x != x:
        return "nan"
    if x in (float("inf"), float("-inf")):
        return "inf" if x > 0 else "-inf"
    return x


def dense(f, point):
    args = [jnp.asarray(p, dtype=jnp.float64) for p in point]
    blocks = jax.jacobian(f, argnums=tuple(range(len(args))))(*args)
    out = jnp.asarray(f(*args))
    rows = []
    for r in range(out.size):
        row = []
        for b, a in zip(blocks, args):
            row += [encode(v) for v in jnp.reshape(b, (out.size, a.size))[r]]
        rows.append(row)
    return rows


cases = [json.dumps({"name": n, "source": s, "point": [[encode(v) for v in jnp.ravel(jnp.asarray(p))] for p in pt],
                     "shapes": [list(jnp.shape(jnp.asarray(p))) for p in pt], "jacobian": dense(f, pt)})
         for n, s, f, pt in CASES]
print("[\n" + ",\n".join(cases) + "\n]")
