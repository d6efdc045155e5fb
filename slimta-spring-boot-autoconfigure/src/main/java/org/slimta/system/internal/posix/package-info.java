/**
 * The native system calls of the helpers (signal masks and {@code signalfd}, {@code posix_spawn},
 * credentials and groups, Unix-domain datagrams) as typed Java methods: the only package that
 * touches jnr.
 * <p>
 * Internal: not API, may change in any release. Applications use the types of the packages
 * without {@code internal} in their name.
 */
@NullMarked
package org.slimta.system.internal.posix;

import org.jspecify.annotations.NullMarked;
