package io.firedrill.examples.benchmark;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Measures the heap of one phase of this JVM in three ways:
 * <ul>
 *   <li>{@code poolPeak}: the sum over heap pools of {@link MemoryPoolMXBean#getPeakUsage()} after a reset —
 *       an upper bound, since pools peak at different times and eden's peak is mostly garbage;</li>
 *   <li>{@code sampledPeak}: the largest total heap in use seen by a sampler every 5 ms;</li>
 *   <li>{@code liveAfterGc}: the largest heap in use right after a collection, i.e. what the phase kept
 *       reachable (0 if no collection ran during the phase).</li>
 * </ul>
 * It also reads the process's peak resident set (VmHWM) after resetting it through /proc/self/clear_refs,
 * which includes native memory (zstd contexts, direct buffers) and the JVM itself.
 */
final class HeapMeter implements AutoCloseable {
    record Reading(long poolPeak, long sampledPeak, long liveAfterGc, int collections, long rssPeak) {
    }

    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).toList();
    private final Set<String> heapPoolNames = heapPools.stream().map(MemoryPoolMXBean::getName)
            .collect(Collectors.toSet());
    private final AtomicLong sampled = new AtomicLong();
    private final AtomicLong liveAfterGc = new AtomicLong();
    private final AtomicLong collections = new AtomicLong();
    private final Thread sampler;
    private volatile boolean running = true;
    private final NotificationListener gcListener = (notification, handback) -> {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
                .from((CompositeData) notification.getUserData());
        long used = 0;
        for (var e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPoolNames.contains(e.getKey())) {
                used += e.getValue().getUsed();
            }
        }
        liveAfterGc.accumulateAndGet(used, Math::max);
        collections.incrementAndGet();
    };

    HeapMeter() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener(gcListener, null, null);
        }
        sampler = new Thread(() -> {
            while (running) {
                sampled.accumulateAndGet(heapUsed(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Collects garbage left by earlier phases and resets every peak. */
    void reset() {
        System.gc();
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        sampled.set(heapUsed());
        liveAfterGc.set(0);
        collections.set(0);
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException | RuntimeException e) {
            // not Linux, or not allowed: the RSS peak then covers the whole process lifetime
        }
    }

    Reading read() {
        long poolPeak = heapPools.stream().map(MemoryPoolMXBean::getPeakUsage).mapToLong(MemoryUsage::getUsed).sum();
        return new Reading(poolPeak, Math.max(sampled.get(), heapUsed()), liveAfterGc.get(), (int) collections.get(),
                rssPeak());
    }

    private long heapUsed() {
        long used = 0;
        for (MemoryPoolMXBean p : heapPools) {
            used += p.getUsage().getUsed();
        }
        return used;
    }

    private static long rssPeak() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // unknown
        }
        return -1;
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            try {
                ((NotificationEmitter) gc).removeNotificationListener(gcListener);
            } catch (Exception e) {
                // already gone
            }
        }
    }
}
