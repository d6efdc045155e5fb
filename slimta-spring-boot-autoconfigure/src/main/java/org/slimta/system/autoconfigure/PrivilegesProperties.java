package org.slimta.system.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * {@code slimta.system.privileges.*}: dropping root privileges once every web server listens.
 *
 * @since 0.1.0
 */
public class PrivilegesProperties {

	/**
	 * User name or numeric uid to become once every web server listens. The drop also clears
	 * the capabilities and sets no_new_privs on every thread, also in a process that already runs
	 * as this user (started with ambient capabilities, for example). When not set, privileges are
	 * not dropped.
	 */
	private @Nullable String user;

	/**
	 * Group name or numeric gid to become. Defaults to the user's primary group.
	 */
	private @Nullable String group;

	/**
	 * Whether to take the user's supplementary groups (initgroups); when false, the process
	 * keeps no supplementary group at all.
	 */
	private boolean supplementaryGroups = true;

	public @Nullable String getUser() {
		return this.user;
	}

	public void setUser(@Nullable String user) {
		this.user = user;
	}

	public @Nullable String getGroup() {
		return this.group;
	}

	public void setGroup(@Nullable String group) {
		this.group = group;
	}

	public boolean isSupplementaryGroups() {
		return this.supplementaryGroups;
	}

	public void setSupplementaryGroups(boolean supplementaryGroups) {
		this.supplementaryGroups = supplementaryGroups;
	}

}
