/**
 * The {@code ChildProcessLauncher}, which starts child processes with a clean signal mask.
 */
@NullMarked
package org.slimta.system.autoconfigure.process;

import org.jspecify.annotations.NullMarked;
