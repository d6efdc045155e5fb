/**
 * Spring Boot wiring of the system helpers, one sub-package per concern. This package holds what
 * every concern shares: {@code slimta.system.*} ({@link SlimtaSystemProperties}), its binding
 * before the context exists and its failure analysis, and {@link EarlySignalPreparation}, the one
 * call an application may make from {@code main}.
 * <p>
 * Applications name {@link DaemonProperties}, {@link EarlySignalPreparation},
 * {@link PrivilegesProperties}, {@link SignalsProperties}, {@link SlimtaSystemAutoConfiguration},
 * {@link SlimtaSystemProperties}, {@link SocketsProperties}, {@link UuidProperties}; the
 * implementation is in {@code org.slimta.system.autoconfigure.internal}, which is internal.
 */
@NullMarked
package org.slimta.system.autoconfigure;

import org.jspecify.annotations.NullMarked;
