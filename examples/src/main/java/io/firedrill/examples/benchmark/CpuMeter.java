package io.firedrill.examples.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU seconds spent during a step by this JVM, by its finished child processes (the peer's pipeline), and by
 * the whole machine, from /proc. The difference shows whether other processes competed for the CPUs, which
 * would make the timings unfair or noisy.
 */
final class CpuMeter {
    record Reading(double ownSeconds, double childSeconds, double machineSeconds) {
        /** CPU seconds used by processes other than this benchmark and its children. */
        double otherSeconds() {
            return Math.max(0, machineSeconds - ownSeconds - childSeconds);
        }
    }

    private static final double TICKS = 100.0; // USER_HZ on Linux

    private final double own0 = own();
    private final double child0 = children();
    private final double machine0 = machineBusy();

    Reading read() {
        return new Reading(own() - own0, children() - child0, machineBusy() - machine0);
    }

    private static double own() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime() / 1e9;
        }
        return 0;
    }

    /** cutime + cstime of /proc/self/stat: CPU of waited-for children and their descendants. */
    private static double children() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after "pid (comm) ": field 3 is index 0, so cutime (16) is index 13 and cstime (17) index 14
            return (Long.parseLong(f[13]) + Long.parseLong(f[14])) / TICKS;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Non-idle CPU seconds of the whole machine (user, nice, system, irq, softirq, steal). */
    private static double machineBusy() {
        try {
            String line = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = line.trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                if (i != 4 && i != 5) { // idle, iowait
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy / TICKS;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
