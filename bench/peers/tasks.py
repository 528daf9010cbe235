"""The four scalar benchmark tasks, written from ../shared/paper/tasks.md (§6.9, 6.10, 6.13, 6.14).

Each task is a function of a math namespace `m` (sqrt, sin, cos, atan2, fabs) and a sequence of scalar
inputs, returning the tuple of outputs; the same text then runs on JAX arrays (jax.numpy) and on
CasADi SX symbols, whose differentiation the benchmark compares. Inputs and outputs are in the
paper's order, which is the graph order of stdlib/tasks/*.ccs.
"""


def roe_flux_1d(m, x):
    """Roe flux between the left and right states (ul0, ul1, ul2) and (ur0, ur1, ur2); γ = 0.5."""
    ul0, ul1, ul2, ur0, ur1, ur2 = x
    gm1 = 0.5 - 1.0

    def pressure(u0, u1, u2):
        return gm1 * (u2 - 0.5 * u1**2 / u0)

    def flux(u0, u1, u2, p):
        v = u1 / u0
        return u1, p + u1 * v, v * (p + u2)

    du0 = ur0 - ul0
    ulr0 = m.sqrt(ul0 * ur0)
    w1 = m.sqrt(ul0) + m.sqrt(ur0)
    vl, vr = ul1 / ul0, ur1 / ur0
    pl, pr = pressure(ul0, ul1, ul2), pressure(ur0, ur1, ur2)
    hl, hr = (ul2 + pl) / ul0, (ur2 + pr) / ur0
    dp, dv = pr - pl, vr - vl
    u = (m.sqrt(ul0) * vl + m.sqrt(ur0) * vr) / w1
    h = (m.sqrt(ul0) * hl + m.sqrt(ur0) * hr) / w1
    q2 = u**2
    a2 = gm1 * (h - 0.5 * q2)
    a = m.sqrt(a2)
    lp, l, ln = m.fabs(u + a), m.fabs(u), m.fabs(u)
    n = a * ulr0
    c0 = (du0 - dp / a2) * l
    c1 = (dv + dp / n) * lp
    c2 = (dv - dp / n) * ln
    fl, fr = flux(ul0, ul1, ul2, pl), flux(ur0, ur1, ur2, pr)
    f = [fl[k] + fr[k] for k in range(3)]
    c = 0.5 * ulr0 / a
    df = (c0 + c * c1 - c * c2,
          c0 * u + c * c1 * (u + a) - c * c2 * (u - a),
          c0 * 0.5 * q2 + c * c1 * (h + u * a) - c * c2 * (h - u * a))
    return tuple(0.5 * (f[k] - df[k]) for k in range(3))


def robot_arm_6dof(m, t):
    """Tool position (px, py, pz) and Tait-Bryan angles (z, y', z'') from six joint angles."""
    t1, t2, t3, t4, t5, t6 = t
    a1, a2, a3, d1, d4, d6 = 175.0, 890.0, 50.0, 575.0, 1035.0, 185.0
    c1, c2, c4, c5, c6 = m.cos(t1), m.cos(t2), m.cos(t4), m.cos(t5), m.cos(t6)
    c23 = m.cos(t2) * m.cos(t3) - m.sin(t2) * m.sin(t3)
    s1, s2, s4, s5, s6 = m.sin(t1), m.sin(t2), m.sin(t4), m.sin(t5), m.sin(t6)
    s23 = m.cos(t2) * m.sin(t3) + m.sin(t2) * m.cos(t3)
    ax = s5 * (c1 * c23 * c4 + s1 * s4) + c1 * s23 * c5
    ay = s5 * (s1 * c23 * c4 - c1 * s4) + s1 * s23 * c5
    az = s23 * c4 * s5 - c23 * c5
    nz = c6 * (c23 * s5 + s23 * c4 * c5) - s23 * s4 * s6
    oz = -s6 * (c23 * s5 + s23 * c4 * c5) - s23 * s4 * c6
    # Written out as the paper does, repeats included: sharing them is the compilers' job.
    px = d6 * (s5 * (c1 * c23 * c4 + s1 * s4) + c1 * s23 * c5) + c1 * (a1 + a2 * c2 + a3 * c23 + d4 * s23)
    py = d6 * (s5 * (s1 * c23 * c4 + c1 * s4) + s1 * s23 * c5) + s1 * (a1 + a2 * c2 + a3 * c23 + d4 * s23)
    pz = a2 * s2 + d1 + a3 * s23 - d4 * c23 + d6 * (s23 * c4 * s5 - c23 * c5)
    return px, py, pz, m.atan2(ay, ax), m.atan2(m.sqrt(1.0 - az**2), az), m.atan2(oz, -nz)


def human_heart_dipole(m, x):
    """MINPACK-2 human heart dipole residuals; every σ is 1 and f8 subtracts σ_E as the source does."""
    x1, x2, x3, x4, x5, x6, x7, x8 = x
    x57, x68 = x5**2 - x7**2, x6**2 - x8**2
    x557 = x5 * (x5**2 - 3.0 * x7**2)
    x775 = x7 * (x7**2 - 3.0 * x5**2)
    x668 = x6 * (x6**2 - 3.0 * x8**2)
    x886 = x8 * (x8**2 - 3.0 * x6**2)
    return (x1 + x2 - 1.0,
            x3 + x4 - 1.0,
            x5 * x1 + x6 * x2 - x7 * x3 - x8 * x4 - 1.0,
            x7 * x1 + x8 * x2 + x5 * x3 + x6 * x4 - 1.0,
            x1 * x57 - 2.0 * x3 * x5 * x7 + x2 * x68 - 2.0 * x4 * x6 * x8 - 1.0,
            x3 * x57 - 2.0 * x1 * x5 * x7 + x4 * x68 - 2.0 * x2 * x6 * x8 - 1.0,
            x1 * x557 + x3 * x775 + x2 * x668 + x4 * x886 - 1.0,
            x3 * x557 - x1 * x775 + x4 * x668 - x2 * x886 - 1.0)


def propane_combustion(m, x):
    """MINPACK-2 propane combustion residuals (full formulation), p = 40, R = 10, sums left to right."""
    x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11 = x
    p, r = 40.0, 10.0
    px11 = m.sqrt(p / x11)
    f11 = x11
    for xi in (x1, x2, x3, x4, x5, x6, x7, x8, x9, x10):
        f11 = f11 - xi
    return (x1 + x4 - 3.0,
            2.0 * x1 + x2 + x4 + x7 + x8 + x9 + 2.0 * x10 - r,
            2.0 * x2 + 2.0 * x5 + x6 + x7 - 8.0,
            2.0 * x3 + x9 - 4.0 * r,
            x2 * x4 - x1 * x5,
            m.sqrt(x2 * x4) - m.sqrt(x1) * px11 * x6,
            m.sqrt(x1 * x2) - m.sqrt(x4) * x7 * px11,
            x1 - x4 * x8 * p / x11,
            x1 * m.sqrt(x3) - x4 * x9 * px11,
            x1**2 - x4**2 * x10 * p / x11,
            f11)


# name → (function, the paper's input point)
TASKS = {
    "RoeFlux_1d": (roe_flux_1d, (0.01, 0.02, 0.02, 0.01, 0.03, 0.03)),
    "RobotArm_6DOF": (robot_arm_6dof, (0.02,) * 6),
    "HumanHeartDipole": (human_heart_dipole, (0.15,) * 8),
    "PropaneCombustion": (propane_combustion, (0.15,) * 11),
}
