package org.slimta.system.autoconfigure.internal.privilege;

import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.slimta.system.internal.InvalidValueException;
import org.slimta.system.autoconfigure.PrivilegesProperties;
import org.slimta.system.internal.posix.Availability;
import org.slimta.system.internal.posix.Capabilities;
import org.slimta.system.internal.posix.GroupEntry;
import org.slimta.system.internal.posix.Posix;
import org.slimta.system.internal.posix.SupplementaryGroups;
import org.slimta.system.internal.posix.UserEntry;
import org.slimta.system.internal.privilege.PrivilegeDrop;
import org.slimta.system.internal.privilege.PrivilegeDropper;
import org.slimta.system.internal.privilege.PrivilegeTarget;
import org.slimta.system.internal.privilege.ThreadCredentials;

/**
 * Makes the {@link PrivilegeDrop} of {@code slimta.system.privileges.*}: looks the group and the
 * user up in the system's databases and binds every native call the drop will need. Each lookup
 * refuses a value it cannot use with an {@link InvalidValueException}, so that, run as a converter
 * of the binding, it fails as an invalid value of its property.
 */
final class PrivilegeDropFactory {

	private final PrivilegesProperties privileges;

	PrivilegeDropFactory(PrivilegesProperties privileges) {
		this.privileges = privileges;
	}

	/**
	 * Look up {@code slimta.system.privileges.group}.
	 * @param value the property's value
	 * @return the group
	 */
	GroupEntry group(String value) {
		if (this.privileges.getUser() == null) {
			throw new InvalidValueException(value,
					"a group alone is no privilege drop: 'slimta.system.privileges.user' is not set",
					"a group name or gid together with 'slimta.system.privileges.user'");
		}
		return PrivilegeTarget.findGroup(posix(value), value);
	}

	/**
	 * Look up {@code slimta.system.privileges.user} and make the drop to it.
	 * @param value the property's value
	 * @param group the group looked up, or {@code null} for the user's primary group
	 * @return the drop, pending
	 */
	PrivilegeDrop drop(String value, @Nullable GroupEntry group) {
		Posix posix = posix(value);
		UserEntry user = PrivilegeTarget.findUser(posix, value);
		// Bound now: after the drop, jffi may not be allowed to write its stubs to java.io.tmpdir.
		SupplementaryGroups groups = SupplementaryGroups.get();
		PrivilegeTarget target = PrivilegeTarget.of(posix, user, group, this.privileges.isSupplementaryGroups(), groups);
		PrivilegeDropper dropper = new PrivilegeDropper(posix, groups, Capabilities.get());
		PrivilegeDrop drop;
		try {
			drop = PrivilegeDrop.to(target, dropper, ThreadCredentials.ofCurrentThread());
		}
		catch (IllegalStateException ex) {
			throw new InvalidValueException(value, Objects.requireNonNullElse(ex.getMessage(), ex.toString()),
					"the user this process already runs as, or start the application as root");
		}
		// Before any web server creates its threads: they then pass no capability to a program they start.
		dropper.clearInheritableCapabilities();
		return drop;
	}

	private static Posix posix(String value) {
		Availability availability = Posix.availability();
		if (!availability.available()) {
			throw new InvalidValueException(value,
					"privileges cannot be dropped here: native system calls are unavailable: " + availability.reason(),
					accepted(availability));
		}
		return Posix.get();
	}

	private static String accepted(Availability availability) {
		if (!availability.remedy().isEmpty()) {
			return "a user once the native calls load: " + availability.remedy();
		}
		boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");
		return linux ? "no value until the native calls load here" : "no value on this system (dropping privileges needs Linux)";
	}

}
