package org.slimta.system.internal.privilege;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.slimta.system.internal.InvalidValueException;
import org.slimta.system.internal.ShortenedValue;
import org.slimta.system.internal.posix.GroupEntry;
import org.slimta.system.internal.posix.Posix;
import org.slimta.system.internal.posix.SupplementaryGroups;
import org.slimta.system.internal.posix.UserEntry;

/**
 * The identity a process drops to: a user, a group, and the supplementary groups it will have.
 *
 * @param user the login name
 * @param uid the user id
 * @param group the group name, or the gid as text if it has no name
 * @param gid the group id
 * @param supplementaryGroups whether the user's supplementary groups are taken ({@code initgroups})
 * or none at all
 * @param groups the supplementary group ids the process will have
 */
public record PrivilegeTarget(String user, int uid, String group, int gid, boolean supplementaryGroups,
		Set<Integer> groups) {

	private static final String USER_ACCEPTED = "an existing, unprivileged user name or numeric uid (see 'getent passwd')";

	private static final String GROUP_ACCEPTED = "an existing group name or numeric gid (see 'getent group')";

	/**
	 * Look up a user by name or numeric uid; root is refused, since dropping to it changes nothing.
	 * @param posix the native calls
	 * @param value the name or uid, as configured
	 * @return the user
	 * @throws InvalidValueException if there is no such user, or it is root
	 */
	public static UserEntry findUser(Posix posix, String value) {
		String trimmed = value.trim();
		String quoted = ShortenedValue.of(trimmed);
		UserEntry user = find(trimmed, posix::user, posix::user).orElseThrow(
				() -> new InvalidValueException(value, "no user '" + quoted + "' in the user database", USER_ACCEPTED));
		if (user.uid() == 0) {
			throw new InvalidValueException(value, "'" + quoted + "' is root (uid 0): dropping to it keeps every privilege",
					USER_ACCEPTED);
		}
		return user;
	}

	/**
	 * Look up a group by name or numeric gid.
	 * @param posix the native calls
	 * @param value the name or gid, as configured
	 * @return the group
	 * @throws InvalidValueException if there is no such group
	 */
	public static GroupEntry findGroup(Posix posix, String value) {
		String trimmed = value.trim();
		return find(trimmed, posix::group, posix::group).orElseThrow(() -> new InvalidValueException(value,
				"no group '" + ShortenedValue.of(trimmed) + "' in the group database", GROUP_ACCEPTED));
	}

	/**
	 * The target for a user, a group (or the user's primary group) and the choice of supplementary
	 * groups.
	 * @param posix the native calls
	 * @param user the user
	 * @param group the group, or {@code null} for the user's primary group
	 * @param supplementaryGroups whether to take the user's supplementary groups
	 * @param calls the supplementary group calls, to list the groups {@code initgroups} will set
	 * @return the target
	 */
	public static PrivilegeTarget of(Posix posix, UserEntry user, @Nullable GroupEntry group,
			boolean supplementaryGroups, SupplementaryGroups calls) {
		GroupEntry primary = (group != null) ? group
				: posix.group(user.gid()).orElse(new GroupEntry(Integer.toString(user.gid()), user.gid()));
		Set<Integer> groups = supplementaryGroups
				? Arrays.stream(calls.groupList(user.name(), primary.gid())).boxed().collect(Collectors.toCollection(TreeSet::new))
				: Set.of();
		return new PrivilegeTarget(user.name(), user.uid(), primary.name(), primary.gid(), supplementaryGroups,
				Set.copyOf(groups));
	}

	/**
	 * Whether a thread already is this identity: every uid and gid is the target's. It may still
	 * hold capabilities (from its ambient set, for example), which the drop clears.
	 * @param current the thread's credentials
	 * @return whether the identity need not change
	 */
	public boolean isHeldBy(ThreadCredentials current) {
		return current.uids().stream().allMatch((id) -> id == this.uid)
				&& current.gids().stream().allMatch((id) -> id == this.gid);
	}

	/**
	 * The target as a log or health line shows it, its names cut to a readable length.
	 * @return for example {@code nobody:nogroup (uid 65534, gid 65534)}
	 */
	public String describe() {
		return ShortenedValue.of(this.user) + ":" + ShortenedValue.of(this.group) + " (uid " + this.uid + ", gid "
				+ this.gid + ")";
	}

	private static boolean isNumber(String value) {
		return !value.isEmpty() && value.chars().allMatch(Character::isDigit);
	}

	private static <T> Optional<T> find(String value, IntFunction<Optional<T>> byId,
			Function<String, Optional<T>> byName) {
		if (!isNumber(value)) {
			return byName.apply(value);
		}
		try {
			return byId.apply(Integer.parseInt(value));
		}
		catch (NumberFormatException ex) {
			return Optional.empty(); // larger than any id
		}
	}

}
