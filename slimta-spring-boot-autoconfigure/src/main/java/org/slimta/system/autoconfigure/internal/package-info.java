/**
 * Spring Boot wiring of the system helpers, one sub-package per concern. This package holds what
 * every concern shares: {@code slimta.system.*} ({@link SlimtaSystemProperties}), its binding
 * before the context exists and its failure analysis, and {@link EarlySignalPreparation}, the one
 * call an application may make from {@code main}.
 * <p>
 * Internal: not API, may change in any release. Applications use the types of the packages
 * without {@code internal} in their name.
 */
@NullMarked
package org.slimta.system.autoconfigure.internal;

import org.jspecify.annotations.NullMarked;
