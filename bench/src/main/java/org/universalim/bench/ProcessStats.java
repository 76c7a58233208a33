package org.universalim.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Readings of a process from /proc: CPU time (utime+stime), RSS, peak RSS, open files, and a JVM's heap. */
final class ProcessStats {

    private static final long CLK_TCK = clockTicks();

    /** One reading; negative values mean "not available". */
    record Sample(long pid, double cpuSeconds, long rssKb, long hwmKb, int openFiles) {
        double rssMb() {
            return rssKb < 0 ? -1 : rssKb / 1024.0;
        }
    }

    private ProcessStats() {
    }

    /**
     * One reading of several processes together (the nodes of one ISP): CPU and RSS summed, pid the first's; not
     * available if any of them is not.
     */
    static Sample sample(long[] pids) {
        if (pids.length == 1) {
            return sample(pids[0]);
        }
        double cpu = 0;
        long rss = 0;
        long hwm = 0;
        int files = 0;
        for (long pid : pids) {
            Sample s = sample(pid);
            if (s.cpuSeconds() < 0 || s.rssKb() < 0) {
                return new Sample(pids[0], -1, -1, -1, -1);
            }
            cpu += s.cpuSeconds();
            rss += s.rssKb();
            hwm += Math.max(0, s.hwmKb());
            files += Math.max(0, s.openFiles());
        }
        return new Sample(pids[0], cpu, rss, hwm, files);
    }

    static Sample sample(long pid) {
        if (pid <= 0) {
            return new Sample(pid, -1, -1, -1, -1);
        }
        double cpu = -1;
        long rss = -1;
        long hwm = -1;
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // Fields after the ")" that ends the command name: state is field 3, utime 14, stime 15.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            cpu = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) CLK_TCK;
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = kb(line);
                } else if (line.startsWith("VmHWM:")) {
                    hwm = kb(line);
                }
            }
        } catch (IOException | RuntimeException e) {
            return new Sample(pid, -1, -1, -1, -1);
        }
        return new Sample(pid, cpu, rss, hwm, openFiles(pid));
    }

    /** CPU seconds used by the whole machine so far (all non-idle time in /proc/stat); -1 if unknown. */
    static double machineBusySeconds() {
        try {
            String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = cpu.trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal ...
            long busy = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy / (double) CLK_TCK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static Sample self() {
        return sample(ProcessHandle.current().pid());
    }

    static int openFiles(long pid) {
        String[] fds = Path.of("/proc/" + pid + "/fd").toFile().list();
        return fds == null ? -1 : fds.length;
    }

    /** Soft open-files limit of a process, from /proc/PID/limits; -1 if unknown. */
    static long openFilesLimit(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/limits"))) {
                if (line.startsWith("Max open files")) {
                    String[] p = line.substring("Max open files".length()).trim().split("\\s+");
                    return p[0].equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(p[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** True if the process is a JVM (its executable is called java). */
    static boolean isJvm(long pid) {
        try {
            return Files.readSymbolicLink(Path.of("/proc/" + pid + "/exe")).getFileName().toString().equals("java");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** {@code jcmd PID GC.heap_info}, squeezed onto one line; null if not a JVM or jcmd fails. */
    static String jvmHeapInfo(long pid) {
        if (pid <= 0 || !isJvm(pid)) {
            return null;
        }
        try {
            Process p = new ProcessBuilder("jcmd", Long.toString(pid), "GC.heap_info").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return null;
            }
            StringBuilder b = new StringBuilder();
            for (String line : out.split("\n")) {
                String t = line.trim();
                if (t.isEmpty() || t.matches("\\d+:")) {
                    continue;
                }
                if (b.length() > 0) {
                    b.append(" | ");
                }
                b.append(t.replaceAll("\\s+", " "));
                if (b.length() > 400) {
                    break;
                }
            }
            return b.toString();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static long kb(String statusLine) {
        String[] p = statusLine.trim().split("\\s+");
        return Long.parseLong(p[1]);
    }

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            p.waitFor(5, TimeUnit.SECONDS);
            return Long.parseLong(out);
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
