package io.vfbridge.billing;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading the rows of a bulk import: each malformed row named, only garbage refused. */
class ImportRowsTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void readsPositionalRowsWithOptionalPanelAndPlan() {
		List<ImportRows.Row> rows = csv("5001,1042,101\n5002,1042,102,default,vps-small\n");
		assertThat(rows).containsExactly(new ImportRows.Row(1, "5001", "1042", 101L, null, null, null),
				new ImportRows.Row(2, "5002", "1042", 102L, "default", "vps-small", null));
	}

	@Test
	void readsColumnsByTheHeaderAndIgnoresOthers() {
		List<ImportRows.Row> rows = csv(
				"\uFEFFserverId,hostname,serviceId,customerId\r\n101,\"web, one\",5001,1042\r\n\r\n102,x,5002,1043\r\n");
		assertThat(rows)
			.extracting(ImportRows.Row::number, ImportRows.Row::serviceId, ImportRows.Row::serverId,
					ImportRows.Row::error)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(1, "5001", 101L, null),
					org.assertj.core.groups.Tuple.tuple(2, "5002", 102L, null));
	}

	@Test
	void namesWhatIsWrongWithEachBadRow() {
		List<ImportRows.Row> rows = csv("5001,1042,abc\n,1042,101\n5003,,0\n5004,1042,104,Bad Panel\n"
				+ "5005,1042,105,,,extra\n\"5006,1042,106\n5007,1042,107\n5007,1042,108\n");
		assertThat(rows).extracting(ImportRows.Row::error)
			.containsExactly("serverId must be a positive integer", "serviceId is missing",
					"customerId is missing; serverId must be a positive integer",
					"panel must be a configured panel name",
					"has 6 columns; expected serviceId,customerId,serverId[,panel][,plan]",
					"is not valid CSV: a quoted cell is not closed", null,
					"duplicate serviceId 5007 (first on row 7); one service is linked to one server");
	}

	@Test
	void readsAJsonArrayOfRows() {
		List<ImportRows.Row> rows = ImportRows.json(("[{\"serviceId\":\"5001\",\"customerId\":1042,\"serverId\":101},"
				+ "{\"serviceId\":\"5002\",\"customerId\":\"1042\",\"serverId\":\"x\"},7,"
				+ "{\"serviceId\":\"5004\",\"customerId\":\"1\",\"serverId\":1,\"owner\":2}]")
			.getBytes(StandardCharsets.UTF_8), JSON);
		assertThat(rows).extracting(ImportRows.Row::error)
			.containsExactly(null, "serverId must be a positive integer", "must be an object",
					"owner is not a known field");
		assertThat(rows.get(0).customerId()).isEqualTo("1042");
	}

	@Test
	void refusesABodyThatIsNoCsvOrJsonAtAll() {
		assertThatThrownBy(() -> ImportRows.csv(new byte[] { (byte) 0xff, (byte) 0xfe, 0, 1 }))
			.isInstanceOf(InvalidRequestException.class);
		assertThatThrownBy(() -> ImportRows.json("{\"rows\":[]}".getBytes(StandardCharsets.UTF_8), JSON))
			.isInstanceOf(InvalidRequestException.class);
		assertThatThrownBy(() -> ImportRows.json("not json".getBytes(StandardCharsets.UTF_8), JSON))
			.isInstanceOf(InvalidRequestException.class);
		assertThatThrownBy(() -> csv("serviceId,serverId\n1,2\n")).isInstanceOf(InvalidRequestException.class)
			.hasMessageContaining("400");
		assertThatThrownBy(() -> csv("\n\n")).isInstanceOf(InvalidRequestException.class);
	}

	@Test
	void refusesMoreThanTenThousandRows() {
		StringBuilder csv = new StringBuilder();
		for (int i = 1; i <= ImportRows.MAX_ROWS + 1; i++) {
			csv.append("s").append(i).append(",1,").append(i).append('\n');
		}
		assertThatThrownBy(() -> csv(csv.toString())).isInstanceOfSatisfying(ErrorResponseException.class,
				(ex) -> assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE));
		assertThat(csv(csv.substring(csv.indexOf("\n") + 1))).hasSize(ImportRows.MAX_ROWS);
	}

	private static List<ImportRows.Row> csv(String text) {
		return ImportRows.csv(text.getBytes(StandardCharsets.UTF_8));
	}

}
