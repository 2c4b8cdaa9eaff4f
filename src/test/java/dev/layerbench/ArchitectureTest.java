package dev.layerbench;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package layers of the README's "Code layout", bottom up: a package imports only packages below it. Without
 * this, the result store and the presentation drifted into importing each other once already (issue 12).
 */
@AnalyzeClasses(packages = "dev.layerbench", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule packagesImportOnlyLayersBelowThem = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("data, model, backend").definedBy("dev.layerbench.data..", "dev.layerbench.model..",
                    "dev.layerbench.backend..")
            .layer("train").definedBy("dev.layerbench.train..")
            .layer("results").definedBy("dev.layerbench.results..")
            .layer("bench, study, diagnose").definedBy("dev.layerbench.bench..", "dev.layerbench.study..",
                    "dev.layerbench.diagnose..")
            .layer("report").definedBy("dev.layerbench.report..")
            .layer("cli").definedBy("dev.layerbench.cli..")
            .whereLayer("cli").mayNotBeAccessedByAnyLayer()
            .whereLayer("report").mayOnlyBeAccessedByLayers("cli")
            .whereLayer("bench, study, diagnose").mayOnlyBeAccessedByLayers("report", "cli")
            .whereLayer("results").mayOnlyBeAccessedByLayers("bench, study, diagnose", "report", "cli")
            .whereLayer("train").mayOnlyBeAccessedByLayers("results", "bench, study, diagnose", "report", "cli")
            // a new package must be given its place here; the root holds only the two exceptions every layer
            // throws, and the JMH benchmark sources (benchmarks/) sit beside the tree, above bench
            .ensureAllClassesAreContainedInArchitectureIgnoring("dev.layerbench", "dev.layerbench.benchmarks..");

    /** Packages of one layer may use each other (diagnose uses the study's symmetry tracker), but never in a circle. */
    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("dev.layerbench.(*)..").should().beFreeOfCycles();
}
