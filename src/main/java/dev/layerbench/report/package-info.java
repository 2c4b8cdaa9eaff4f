/**
 * Results and their exporters: result records with their provenance, and the CSV/JSON files they are written
 * to — atomically, so a killed run leaves whole files or none.
 */
package dev.layerbench.report;
