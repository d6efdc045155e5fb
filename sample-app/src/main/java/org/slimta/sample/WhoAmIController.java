package org.slimta.sample;

import java.util.Map;

import org.slimta.system.internal.privilege.ThreadCredentials;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who the thread that handles this very request is, as the kernel reports it
 * ({@code /proc/thread-self/status}): {@code GET /whoami}. With the {@code privileged} profile it
 * shows nobody's uid, never root's.
 */
@RestController
class WhoAmIController {

	@GetMapping("/whoami")
	Map<String, Object> whoami() {
		ThreadCredentials thread = ThreadCredentials.ofCurrentThread();
		return Map.of("uid", thread.effectiveUid(), "gid", thread.effectiveGid(), "groups", thread.groups(),
				"thread", Thread.currentThread().getName());
	}

}
