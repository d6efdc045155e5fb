/**
 * The native system calls of the helpers (signal masks and {@code signalfd}, {@code posix_spawn},
 * credentials and groups, Unix-domain datagrams) as typed Java methods: the only package that
 * touches jnr.
 */
@NullMarked
package org.slimta.system.posix;

import org.jspecify.annotations.NullMarked;
