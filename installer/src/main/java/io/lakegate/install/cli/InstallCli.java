package io.lakegate.install.cli;

import static java.util.Objects.requireNonNull;

import io.lakegate.install.host.Distribution;
import io.lakegate.install.host.Host;
import io.lakegate.install.plan.HomeLock;
import io.lakegate.install.plan.Plan;
import io.lakegate.install.plan.PlanExecutor;
import io.lakegate.install.plan.PlanReport;
import io.lakegate.install.plan.RefusedException;
import io.lakegate.install.plan.UninstallPlanner;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code lakegate install} and {@code lakegate uninstall}, started by {@code bin/lakegate} with
 * {@code --dist <distribution directory>}. Every requested home is checked and planned before any is changed, so a
 * refusal changes nothing anywhere. Exit status: 0 done (or nothing to do), 1 refused or failed, 2 usage.
 */
public final class InstallCli {
    private final PrintStream out;
    private final PrintStream err;

    public InstallCli(PrintStream out, PrintStream err) {
        this.out = requireNonNull(out, "out is null");
        this.err = requireNonNull(err, "err is null");
    }

    public static void main(String[] args) {
        System.exit(new InstallCli(System.out, System.err).run(Arrays.asList(args)));
    }

    public int run(List<String> args) {
        requireNonNull(args, "args is null");
        if (args.contains("--help") || args.contains("-h")) {
            out.println(CommandLine.USAGE);
            return 0;
        }
        CommandLine command;
        try {
            command = CommandLine.parse(args);
        } catch (CommandLine.UsageException e) {
            err.println("lakegate: " + e.getMessage());
            err.println(CommandLine.USAGE);
            return 2;
        }
        String verb = command.command() == CommandLine.Command.INSTALL ? "install" : "uninstall";
        Distribution distribution = Distribution.at(command.distribution());
        List<HomeLock> locks = new ArrayList<>();
        try {
            return run(command, verb, distribution, locks);
        } finally {
            locks.forEach(HomeLock::close);
        }
    }

    /** Plans every home, then changes them; each home stays locked ({@code locks}) until the caller lets go. */
    private int run(CommandLine command, String verb, Distribution distribution, List<HomeLock> locks) {
        List<Plan> plans = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        for (Map.Entry<Host, Path> home : command.homes().entrySet()) {
            Host host = home.getKey();
            try {
                // A dry run changes nothing, so it needs no lock (and works in a home it may not write).
                if (!command.dryRun()) {
                    locks.add(HomeLock.acquire(home.getValue()));
                }
                plans.add(
                        command.command() == CommandLine.Command.INSTALL
                                ? host.install(home.getValue(), distribution, command.settings())
                                : UninstallPlanner.plan(host.name(), home.getValue(), host::writes));
            } catch (RefusedException | UncheckedIOException e) {
                refusals.add(e.getMessage());
            }
        }
        if (!refusals.isEmpty()) {
            refusals.forEach(refusal -> err.println("lakegate " + verb + ": " + refusal));
            err.println("Nothing was changed.");
            return 1;
        }
        out.println("Lakegate " + distribution.version() + " " + verb + (command.dryRun() ? " (dry run)" : ""));
        if (command.dryRun()) {
            plans.forEach(plan -> PlanReport.print(plan, false, out));
            out.println("Dry run: nothing was changed.");
            return 0;
        }
        for (Plan plan : plans) {
            try {
                PlanExecutor.apply(plan);
            } catch (IOException | UncheckedIOException e) {
                err.println("lakegate " + verb + ": changing " + plan.home() + " failed: " + e.getMessage());
                err.println("Every file is either as it was or as planned (writes are atomic); "
                        + plan.home().resolve(".lakegate/install.json")
                        + " records what install meant to change: run `lakegate " + verb
                        + "` again once the cause is fixed.");
                return 1;
            }
            PlanReport.print(plan, true, out);
        }
        boolean changed = plans.stream().anyMatch(plan -> !plan.changes().isEmpty());
        out.println(changed ? "Done." : "Nothing to change: " + verb + " had been done already.");
        return 0;
    }
}
