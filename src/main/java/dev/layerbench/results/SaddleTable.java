package dev.layerbench.results;

import java.util.List;

/** {@code saddle.csv}: one line per {@link SaddleRow}; a step that never came (-1) is an empty cell. */
public final class SaddleTable {
    public static final String FILE_NAME = "saddle.csv";
    public static final List<String> COLUMNS = List.of("scenario", "hidden", "activation", "dtype", "init_kind",
            "init_scale", "init", "backend", "step_budget", "eval_every_steps", "test_rows", "majority_share",
            "leave_accuracy", "linear_level", "level_accuracy", "steps_to_leave", "steps_to_level",
            "final_test_accuracy");

    private SaddleTable() {
    }

    public static String csv(List<SaddleRow> rows) {
        return Csv.table(COLUMNS, rows.stream().map(r -> List.<Object>of(r.scenario(), r.hidden(), r.activation(),
                r.dtype(), r.initKind(), r.initScale(), r.init(), r.backend(), r.stepBudget(), r.evalEverySteps(),
                r.testRows(), r.majorityShare(), r.leaveAccuracy(), r.linearLevel(), r.levelAccuracy(),
                step(r.stepsToLeave()), step(r.stepsToLevel()), r.finalTestAccuracy())).toList());
    }

    private static Object step(int step) {
        return step < 0 ? "" : step;
    }
}
