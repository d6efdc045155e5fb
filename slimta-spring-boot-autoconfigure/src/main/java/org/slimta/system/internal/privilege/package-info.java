/**
 * The privilege drop of a process: the identity it drops to, the drop of every thread in the safe
 * order checked against {@code /proc}, and the gate that holds requests until it is done.
 * <p>
 * Internal: not API, may change in any release. Applications use the types of the packages
 * without {@code internal} in their name.
 */
@NullMarked
package org.slimta.system.internal.privilege;

import org.jspecify.annotations.NullMarked;
