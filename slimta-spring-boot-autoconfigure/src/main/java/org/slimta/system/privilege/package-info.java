/**
 * The privilege drop of a process: the identity it drops to, the drop of every thread in the safe
 * order checked against {@code /proc}, and the gate that holds requests until it is done.
 */
@NullMarked
package org.slimta.system.privilege;

import org.jspecify.annotations.NullMarked;
