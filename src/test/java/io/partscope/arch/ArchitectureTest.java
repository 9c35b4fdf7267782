package io.partscope.arch;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.conditions.ArchPredicates;
import io.partscope.cli.PartscopeCommand;
import io.partscope.ui.Launcher;

/**
 * The module boundaries inside the one Maven module: {@code core} stands alone (no JavaFX, no UI, no CLI), and the
 * CLI reaches the UI only through {@link Launcher}, from {@link PartscopeCommand}.
 */
@AnalyzeClasses(packages = "io.partscope", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule coreDoesNotUseJavaFx = noClasses()
            .that().resideInAPackage("io.partscope.core..")
            .should().dependOnClassesThat().resideInAPackage("javafx..")
            .because("core is shared by the CLI and must run headless");

    @ArchTest
    static final ArchRule coreDoesNotUseUiOrCli = noClasses()
            .that().resideInAPackage("io.partscope.core..")
            .should().dependOnClassesThat().resideInAnyPackage("io.partscope.ui..", "io.partscope.cli..")
            .because("ui and cli sit on core, never the other way round");

    @ArchTest
    static final ArchRule cliReachesUiOnlyThroughLauncher = noClasses()
            .that().resideInAPackage("io.partscope.cli..")
            .and(not(equivalentTo(PartscopeCommand.class)))
            .should().dependOnClassesThat().resideInAPackage("io.partscope.ui..")
            .because("the CLI runs headless; only the top-level command opens the app");

    @ArchTest
    static final ArchRule partscopeCommandUsesOnlyTheLauncher = noClasses()
            .that(equivalentTo(PartscopeCommand.class))
            .should().dependOnClassesThat(ArchPredicates.are(resideInAPackage("io.partscope.ui.."))
                    .and(not(equivalentTo(Launcher.class))))
            .because("PartscopeCommand may open the app through Launcher and nothing else of the UI");

    @ArchTest
    static final ArchRule cliDoesNotUseJavaFx = noClasses()
            .that().resideInAPackage("io.partscope.cli..")
            .should().dependOnClassesThat().resideInAPackage("javafx..")
            .because("headless commands must not load the JavaFX toolkit");
}
