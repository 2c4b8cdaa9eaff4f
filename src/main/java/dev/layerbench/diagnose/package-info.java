/**
 * {@code layerbench diagnose}: the checklist for "why isn't my network better?", run on the user's own data.
 *
 * <p>Each check is a small record with a static {@code measure} method and answers one question — is the
 * accuracy just the class prior ({@link dev.layerbench.diagnose.ClassBalance}), does a single column give the
 * answer away ({@link dev.layerbench.diagnose.Leakage}), how much do wrong labels cost
 * ({@link dev.layerbench.diagnose.LabelNoiseCurve}), would more data help
 * ({@link dev.layerbench.diagnose.LearningCurve}), does a zero-initialised hidden layer learn anything
 * ({@link dev.layerbench.diagnose.ZeroInitComparison}). {@link dev.layerbench.diagnose.Diagnosis} holds them all
 * and turns their numbers into plain sentences.
 */
package dev.layerbench.diagnose;
