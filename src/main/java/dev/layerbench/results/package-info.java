/**
 * The result store that {@code bench}, {@code study} and {@code train} write through and everything above reads:
 * the stored rows and records with their provenance ({@link dev.layerbench.results.TimingRow},
 * {@link dev.layerbench.results.StudyRow}, {@link dev.layerbench.results.TimingResult}, …), the append-only
 * journals a stopped run resumes from, atomic file writing (a killed run leaves whole files or none), CSV/JSON
 * writing, and the checked reading of result files. Nothing here draws or formats for people: that is
 * {@code report}.
 */
package dev.layerbench.results;
