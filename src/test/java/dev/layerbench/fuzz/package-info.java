/**
 * Coverage-guided fuzz tests (Jazzer) of every reader that takes a user's file: IDX, CSV, and the result JSON of
 * {@code bench} and {@code study}. Each reader promises that a bad file is a {@link dev.layerbench.BadInputException}
 * naming it; these tests fail on anything else that escapes — a runtime exception, an error, a hang.
 *
 * <p>A plain {@code mvn test} replays the committed inputs under
 * {@code src/test/resources/dev/layerbench/fuzz/<Class>Inputs/<method>/}; {@code scripts/fuzz.sh} fuzzes each
 * target for a while. See {@code FUZZING.md} beside this file for the commands and the measured numbers.
 */
package dev.layerbench.fuzz;
