package io.partscope.core.ops;

/**
 * A lock a step takes, for the preview: on which relation (schema-qualified, as SQL writes it), which mode, and why
 * ("ATTACH PARTITION", "scan of the DEFAULT partition").
 */
public record LockNote(String relation, LockMode mode, String why) {
}
