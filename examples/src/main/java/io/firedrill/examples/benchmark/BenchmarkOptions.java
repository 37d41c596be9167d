package io.firedrill.examples.benchmark;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Command-line options of {@link RepositoryBenchmark}.
 *
 * @param sizeGiB total size of the generated data set
 * @param workDir where the data set, the peer's archives, the repository and the restores go (wiped first)
 * @param seed seed of the data set and of the changes
 * @param threads zstd threads of the peer and Firedrill parallelism
 * @param level zstd level of both tools
 * @param changePercent share of the data changed before the second backup
 * @param pattern how the changes are spread
 * @param runKiB length of one changed run in the {@code runs} pattern
 * @param clusteredRound whether a third backup follows a second change made as contiguous runs
 * @param dropCaches whether to drop the page cache before each timed step
 * @param report the Markdown report to write
 * @param keep whether to keep the work directory at the end
 */
record BenchmarkOptions(double sizeGiB, Path workDir, long seed, int threads, int level, double changePercent,
                        ChangePattern pattern, int runKiB, boolean clusteredRound, DropCaches dropCaches, Path report,
                        boolean keep) {

    enum ChangePattern { PAGES, RUNS }

    enum DropCaches { AUTO, YES, NO }

    static final String USAGE = """
            usage: RepositoryBenchmark [options]
              --size-gib N           data set size in GiB (default 2; fractions allowed)
              --work-dir DIR         work directory, wiped first (default /tmp/firedrill-bench)
              --seed N               seed of the data set and the changes (default 20240601)
              --threads N            zstd -T and Firedrill parallelism (default 2)
              --level N              zstd level for both tools (default 3)
              --change-percent P     share of the data changed before the second backup (default 1)
              --change-pattern pages|runs
                                     pages: that share of the files' 4 KiB pages, chosen at random (default)
                                     runs: contiguous runs of --run-kib at random page-aligned offsets
              --run-kib N            run length for the runs pattern and the clustered round (default 1024)
              --no-clustered-round   skip the third backup (1% more changed as contiguous runs)
              --drop-caches auto|yes|no
                                     drop the page cache before each timed step (default auto: when root)
              --report FILE          Markdown report (default WORK_DIR/benchmark-report.md)
              --keep                 keep the work directory (data, archives, repository)
            """;

    static BenchmarkOptions parse(String[] args) {
        double sizeGiB = 2;
        Path workDir = Path.of("/tmp/firedrill-bench");
        long seed = 20240601L;
        int threads = 2;
        int level = 3;
        double changePercent = 1;
        ChangePattern pattern = ChangePattern.PAGES;
        int runKiB = 1024;
        boolean clustered = true;
        DropCaches drop = DropCaches.AUTO;
        Path report = null;
        boolean keep = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--size-gib" -> sizeGiB = Double.parseDouble(value(args, ++i, a));
                case "--work-dir" -> workDir = Path.of(value(args, ++i, a));
                case "--seed" -> seed = Long.parseLong(value(args, ++i, a));
                case "--threads" -> threads = Integer.parseInt(value(args, ++i, a));
                case "--level" -> level = Integer.parseInt(value(args, ++i, a));
                case "--change-percent" -> changePercent = Double.parseDouble(value(args, ++i, a));
                case "--change-pattern" -> pattern = ChangePattern.valueOf(value(args, ++i, a).toUpperCase(Locale.ROOT));
                case "--run-kib" -> runKiB = Integer.parseInt(value(args, ++i, a));
                case "--no-clustered-round" -> clustered = false;
                case "--drop-caches" -> drop = DropCaches.valueOf(value(args, ++i, a).toUpperCase(Locale.ROOT));
                case "--report" -> report = Path.of(value(args, ++i, a));
                case "--keep" -> keep = true;
                case "-h", "--help" -> {
                    System.out.print(USAGE);
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException("unknown option " + a + "\n" + USAGE);
            }
        }
        if (sizeGiB <= 0 || threads < 1 || level < 1 || level > 19 || changePercent <= 0 || changePercent > 100
                || runKiB < 4 || runKiB % 4 != 0) {
            throw new IllegalArgumentException("option out of range\n" + USAGE);
        }
        workDir = workDir.toAbsolutePath().normalize();
        if (report == null) {
            report = workDir.resolve("benchmark-report.md");
        }
        return new BenchmarkOptions(sizeGiB, workDir, seed, threads, level, changePercent, pattern, runKiB, clustered,
                drop, report.toAbsolutePath().normalize(), keep);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return args[i];
    }
}
