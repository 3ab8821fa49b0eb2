#!/usr/bin/env python3
"""The Vogels-Abbott CUBA network (Brette et al. 2007) in Brian2, timed like bench_spiking.cpp.

4000 LIF cells (3200 E, 800 I), p = 0.02, tau_m 20 ms, V_th -50 mV, V_r -60 mV, E_L -49 mV,
t_ref 5 ms, tau_e 5 ms, tau_i 10 ms, w_e 1.62 mV, w_i -9 mV, dt 0.1 ms, 1 s simulated
(docs: science.md). Prints wall seconds of the run for the Cython runtime and the C++
standalone device. Needs Brian2 (Debian: python3-brian).

Usage: python3 bench/brian2_cuba.py [--device runtime|cpp_standalone|both]
"""
import argparse
import shutil
import tempfile
import time


def build_and_run(device_name, workdir=None):
    import brian2 as b2
    from brian2 import ms, mV

    b2.start_scope()
    if device_name == "cpp_standalone":
        b2.set_device("cpp_standalone", directory=workdir, build_on_run=False)
    else:
        b2.prefs.codegen.target = "cython"
    b2.defaultclock.dt = 0.1 * ms
    b2.seed(1)

    taum, taue, taui = 20 * ms, 5 * ms, 10 * ms
    vt, vr, el = -50 * mV, -60 * mV, -49 * mV
    eqs = """
    dv/dt  = (ge + gi - (v - el)) / taum : volt (unless refractory)
    dge/dt = -ge / taue : volt
    dgi/dt = -gi / taui : volt
    """
    group = b2.NeuronGroup(4000, eqs, threshold="v > vt", reset="v = vr",
                           refractory=5 * ms, method="exact")
    group.v = "vr + rand() * (vt - vr)"
    group.ge = 0 * mV
    group.gi = 0 * mV
    we = 1.62 * mV   # (60 * 0.27 / 10) mV
    wi = -9.0 * mV   # (-20 * 4.5 / 10) mV
    ce = b2.Synapses(group, group, on_pre="ge += we")
    ci = b2.Synapses(group, group, on_pre="gi += wi")
    ce.connect("i < 3200", p=0.02)
    ci.connect("i >= 3200", p=0.02)
    spikes = b2.SpikeMonitor(group)

    if device_name == "cpp_standalone":
        b2.run(1000 * ms)
        start = time.perf_counter()
        b2.device.build(directory=workdir, compile=True, run=True, debug=False)
        total = time.perf_counter() - start
        # The standalone device measures its own run loop (without compilation).
        run_seconds = b2.device._last_run_time
        n = spikes.num_spikes  # read before reinit() discards the results
        b2.device.reinit()
        b2.device.activate()
        return run_seconds, total, n
    # Runtime: the first run includes code generation and Cython compilation (cached later),
    # so a short warm-up run of an identical network is done first by the caller.
    start = time.perf_counter()
    b2.run(1000 * ms)
    return time.perf_counter() - start, None, spikes.num_spikes


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--device", choices=["runtime", "cpp_standalone", "both"],
                        default="both")
    args = parser.parse_args()
    if args.device in ("runtime", "both"):
        # The first runs generate and compile Cython code and fill Brian2's caches (seen here:
        # 9 s, 6 s, then about 1 s with a busy machine), so warm up twice and keep the best of 3.
        for _ in range(2):
            build_and_run("runtime")
        runs = [build_and_run("runtime") for _ in range(3)]
        seconds = min(r[0] for r in runs)
        n = runs[0][2]
        print(f"brian2 cython runtime   run {seconds:.4f} s (best of 3 after 2 warm-ups)  "
              f"spikes {n}  rate {n / 4000:.2f} Hz")
    if args.device in ("cpp_standalone", "both"):
        workdir = tempfile.mkdtemp(prefix="brian2_cuba_")
        try:
            seconds, total, n = build_and_run("cpp_standalone", workdir)
            print(f"brian2 cpp_standalone   run {seconds:.4f} s  spikes {n}  "
                  f"rate {n / 4000:.2f} Hz  (with compilation {total:.1f} s)")
        finally:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
