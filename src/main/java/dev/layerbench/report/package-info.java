/**
 * What turns stored results into something a person reads: the HTML report and its charts, Markdown summaries,
 * timing and comparison tables. It reads {@code results} (and a stopped run's journal through {@code bench} and
 * {@code study}); it writes no result of its own.
 */
package dev.layerbench.report;
