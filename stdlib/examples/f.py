import jax, jax.numpy as jnp

def f(x, W, b):
    h = jnp.tanh(W @ x + b)
    return jnp.sum(jax.nn.relu(h) ** 2), jnp.max(h)

print(jax.make_jaxpr(f)(jnp.ones(3), jnp.ones((2, 3)), jnp.ones(2)))
