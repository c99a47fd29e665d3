package io.vfbridge.ops;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Serves the operator page ({@code static/ops/}) at {@code /ops}. The page itself needs
 * no key; every call it makes to the operator API does.
 */
@Controller
class OperatorPageController {

	@GetMapping({ "/ops", "/ops/" })
	String page() {
		return "forward:/ops/index.html";
	}

}
