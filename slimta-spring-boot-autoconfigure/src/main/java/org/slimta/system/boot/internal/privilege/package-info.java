/**
 * The privilege drop at run time: the drop once every web server listens, the request gates that
 * hold requests until then, and its health detail; logs through {@code
 * org.slimta.system.privilege}.
 * <p>
 * Internal: not API, may change in any release. Applications use the types of the packages
 * without {@code internal} in their name.
 */
@NullMarked
package org.slimta.system.boot.internal.privilege;

import org.jspecify.annotations.NullMarked;
