package org.slimta.sample;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * A slow request, to watch a graceful shutdown let it finish: {@code GET /slow?millis=3000},
 * then {@code kill -TERM <pid>} while it runs.
 */
@RestController
class SlowController {

	private static final long MAX_MILLIS = 60_000;

	@GetMapping(path = "/slow", produces = "text/plain")
	String slow(@RequestParam(defaultValue = "1000") long millis) throws InterruptedException {
		if (millis < 0 || millis > MAX_MILLIS) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "millis must be from 0 to " + MAX_MILLIS);
		}
		Thread.sleep(millis);
		return "done after " + millis + " ms\n";
	}

}
