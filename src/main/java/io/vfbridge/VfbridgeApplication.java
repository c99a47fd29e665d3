package io.vfbridge;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Entry point of vfbridge, the bridge between billing systems and VirtFusion.
 */
@SpringBootApplication
public class VfbridgeApplication {

	public static void main(String[] args) {
		SpringApplication.run(VfbridgeApplication.class, args);
	}

}
