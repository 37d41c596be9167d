package io.firedrill.core.storage.fault;

import io.firedrill.api.StorageException;
import io.firedrill.api.spi.ObjectInfo;
import io.firedrill.api.spi.Payload;
import io.firedrill.api.spi.Storage;
import io.firedrill.api.spi.StorageFeature;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Wraps a storage and injects the failures a {@link FaultPlan} describes: failing chosen or random calls
 * with retryable {@link StorageException}s, delaying calls, and crashing at a chosen mutating call.
 *
 * <p>A crash models the process being killed during that call: the call takes effect on the wrapped storage
 * or not (a seeded coin flip), then throws {@link SimulatedCrash}, and so does every later call, so nothing
 * more reaches the wrapped storage. The wrapped storage keeps whatever landed; a test then inspects it, or
 * opens a fresh engine over it, as a restarted process would. {@link #features()}, {@link #describe()} and
 * {@link #close()} keep working after a crash, so that error messages and clean-up still work; {@code close}
 * then leaves the wrapped storage open for the test to inspect.
 *
 * <p>Injected failures happen before the wrapped call, so they have no effect. Random choices come from
 * the plan's seed: single-threaded tests replay exactly; with several threads the order of draws varies.
 */
public final class FaultInjectingStorage implements Storage {
    private final Storage delegate;
    private final FaultPlan plan;
    private final Random failureRandom;
    private final Random crashRandom;
    private final AtomicLong mutations = new AtomicLong();
    private final AtomicLong injectedFailures = new AtomicLong();
    private volatile boolean crashed;
    private volatile Boolean crashedCallLanded;

    /**
     * @param delegate the storage that receives the calls that get through
     * @param plan the faults to inject
     */
    public FaultInjectingStorage(Storage delegate, FaultPlan plan) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.plan = Objects.requireNonNull(plan, "plan");
        // java.util.Random's first draws barely depend on small seeds (0, 1, 2...): scramble them first
        SplittableRandom scrambler = new SplittableRandom(plan.seed());
        this.failureRandom = new Random(scrambler.nextLong());
        this.crashRandom = new Random(scrambler.nextLong());
    }

    /** The wrapped storage, which holds everything that landed. */
    public Storage delegate() {
        return delegate;
    }

    /** How many mutating calls have reached this storage, including failed and crashed ones. */
    public long mutations() {
        return mutations.get();
    }

    /** How many calls failed with an injected {@link StorageException}. */
    public long injectedFailures() {
        return injectedFailures.get();
    }

    /** Whether the simulated crash has happened. */
    public boolean crashed() {
        return crashed;
    }

    /** Whether the crashing call took effect on the wrapped storage; empty before a crash. */
    public Optional<Boolean> crashedCallLanded() {
        return Optional.ofNullable(crashedCallLanded);
    }

    @Override
    public Set<StorageFeature> features() {
        return delegate.features();
    }

    @Override
    public void put(String name, Payload content) {
        mutate("put", name, () -> {
            delegate.put(name, content);
            return null;
        });
    }

    @Override
    public boolean putIfAbsent(String name, Payload content) {
        return mutate("putIfAbsent", name, () -> delegate.putIfAbsent(name, content));
    }

    @Override
    public void delete(String name) {
        mutate("delete", name, () -> {
            delegate.delete(name);
            return null;
        });
    }

    @Override
    public InputStream get(String name) {
        return read("get", name, () -> delegate.get(name));
    }

    @Override
    public InputStream get(String name, long offset, long length) {
        return read("ranged get", name, () -> delegate.get(name, offset, length));
    }

    @Override
    public Optional<ObjectInfo> head(String name) {
        return read("head", name, () -> delegate.head(name));
    }

    @Override
    public void list(String prefix, Consumer<ObjectInfo> receiver) {
        read("list", "prefix '" + prefix + "'", () -> {
            delegate.list(prefix, receiver);
            return null;
        });
    }

    @Override
    public String describe() {
        return "fault-injecting(" + delegate.describe() + ")";
    }

    @Override
    public void close() {
        if (!crashed) {
            delegate.close();
        }
    }

    private <T> T read(String operation, String name, Supplier<T> call) {
        refuseAfterCrash(operation, name);
        pause(operation, name);
        refuseAfterCrash(operation, name);
        maybeFail(operation, name, "");
        return call.get();
    }

    private <T> T mutate(String operation, String name, Supplier<T> call) {
        refuseAfterCrash(operation, name);
        pause(operation, name);
        long number = mutations.incrementAndGet();
        long crashAt = plan.crashAtMutation();
        if (crashAt > 0 && number > crashAt) {
            throw afterCrash(operation, name);
        }
        if (number == crashAt) {
            crash(operation, name, number, call);
        }
        if (plan.failingMutations().contains(number)) {
            throw injected(operation, name, " (mutating call #" + number + ", planned)");
        }
        maybeFail(operation, name, " (mutating call #" + number + ")");
        return call.get();
    }

    private void crash(String operation, String name, long number, Supplier<?> call) {
        boolean landed = false;
        try {
            if (crashRandom.nextBoolean()) {
                call.get();
                landed = true;
            }
        } finally {
            crashedCallLanded = landed;
            crashed = true;
        }
        throw new SimulatedCrash("simulated crash during " + operation + " of " + name + " (mutating call #"
                + number + ") on " + delegate.describe() + "; the call " + (landed ? "took effect" : "had no effect"));
    }

    private void refuseAfterCrash(String operation, String name) {
        if (crashed) {
            throw afterCrash(operation, name);
        }
    }

    private SimulatedCrash afterCrash(String operation, String name) {
        return new SimulatedCrash(operation + " of " + name + " refused: the process crashed at mutating call #"
                + plan.crashAtMutation() + " on " + delegate.describe());
    }

    private void maybeFail(String operation, String name, String detail) {
        if (plan.failureProbability() > 0 && failureRandom.nextDouble() < plan.failureProbability()) {
            throw injected(operation, name, detail + ", random with probability " + plan.failureProbability());
        }
    }

    private StorageException injected(String operation, String name, String detail) {
        injectedFailures.incrementAndGet();
        return new StorageException("injected fault: " + operation + " of " + name + detail + " on "
                + delegate.describe(), "this failure was injected by FaultInjectingStorage; retrying may succeed",
                true, null);
    }

    private void pause(String operation, String name) {
        if (plan.delay().isZero()) {
            return;
        }
        try {
            Thread.sleep(plan.delay().toMillis(), plan.delay().toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted during the injected delay before " + operation + " of " + name
                    + " on " + delegate.describe(), null, false, e);
        }
    }
}
