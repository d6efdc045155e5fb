package org.slimta.sample;

import java.util.List;
import java.util.stream.Stream;

import org.springframework.http.HttpStatus;
import org.springframework.util.IdGenerator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Hands out ids from the starter's {@link IdGenerator}: {@code GET /ids?count=3}.
 */
@RestController
class IdController {

	private static final int MAX_COUNT = 1000;

	private final IdGenerator ids;

	IdController(IdGenerator ids) {
		this.ids = ids;
	}

	@GetMapping("/ids")
	List<String> ids(@RequestParam(defaultValue = "1") int count) {
		if (count < 1 || count > MAX_COUNT) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "count must be from 1 to " + MAX_COUNT);
		}
		return Stream.generate(this.ids::generateId).limit(count).map(Object::toString).toList();
	}

}
