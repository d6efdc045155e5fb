/**
 * Wiring of the privilege drop: {@code slimta.system.privileges.*} resolved before any bean exists,
 * the runtime of {@code org.slimta.system.boot.internal.privilege} declared, and the failure analysis of a
 * drop that failed. Logs through {@code org.slimta.system.internal.privilege}.
 * <p>
 * Applications name {@link PrivilegeDropAutoConfiguration}; the implementation is in
 * {@code org.slimta.system.autoconfigure.internal.privilege}, which is internal.
 */
@NullMarked
package org.slimta.system.autoconfigure.privilege;

import org.jspecify.annotations.NullMarked;
