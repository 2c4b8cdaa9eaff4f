package dev.layerbench.cli;

import dev.layerbench.backend.BuildInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;

/** The root command: holds no logic, only the subcommands. */
@Command(name = "layerbench", mixinStandardHelpOptions = true, versionProvider = LayerbenchCommand.Version.class,
        description = "Measures dense layers: timing on CPU/GPU backends, and how initialisation decides learning.",
        subcommands = {SuiteCommand.class, EnvCommand.class, TrainCommand.class, DiagnoseCommand.class, BenchCommand.class,
                StudyCommand.class, DoctorCommand.class, CompareCommand.class, ReportCommand.class,
                BenchChildCommand.class, StudyChildCommand.class, ProbeChildCommand.class, GpuCheckCommand.class,
                HelpCommand.class})
public final class LayerbenchCommand {

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"layerbench " + BuildInfo.version() + " (commit " + BuildInfo.gitCommit() + ")"};
        }
    }
}
