package io.firedrill.examples.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Samples, every 20 ms, the resident set of the processes of a process tree whose command name is {@code comm}
 * (for example the {@code pgbackrest} main process and its local workers, but not the {@code runuser} and
 * {@code time} wrappers around them): the largest sum seen. {@code /usr/bin/time -v} reports only the largest
 * single process of the tree, which understates a tool that runs several processes at once.
 */
final class ProcessTreeMeter implements AutoCloseable {
    private final ProcessHandle root;
    private final String comm;
    private final AtomicLong peakSum = new AtomicLong();
    private final AtomicLong peakSingle = new AtomicLong();
    private final AtomicLong peakProcesses = new AtomicLong();
    private final Thread sampler;
    private volatile boolean running = true;

    ProcessTreeMeter(ProcessHandle root, String comm) {
        this.root = root;
        this.comm = comm;
        sampler = new Thread(this::loop, "rss-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void loop() {
        while (running) {
            long sum = 0;
            long count = 0;
            try (Stream<ProcessHandle> all = Stream.concat(Stream.of(root), root.descendants())) {
                for (ProcessHandle p : (Iterable<ProcessHandle>) all::iterator) {
                    if (!comm.equals(read("/proc/" + p.pid() + "/comm").trim())) {
                        continue;
                    }
                    long rss = rss(p.pid());
                    sum += rss;
                    count++;
                    peakSingle.accumulateAndGet(rss, Math::max);
                }
            }
            peakSum.accumulateAndGet(sum, Math::max);
            peakProcesses.accumulateAndGet(count, Math::max);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The largest sum of the resident sets of the matching processes seen at one sample. */
    long peakSum() {
        return peakSum.get();
    }

    /** The most matching processes seen at once. */
    long peakProcesses() {
        return peakProcesses.get();
    }

    private static long rss(long pid) {
        for (String line : read("/proc/" + pid + "/status").split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return 0;
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException | RuntimeException e) {
            return ""; // the process has gone
        }
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
        try {
            sampler.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
