package io.scorescope.sde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.scorescope.io.InputException;
import org.junit.jupiter.api.Test;

/** What an artefact records of its sampler, and which configurations are refused. */
class SamplerConfigTest {
    @Test
    void recordsEverySettingTheChosenSamplerUses() {
        JsonNode pc = SamplerConfig.defaults(0.02, 3).withSampler("pc").withSchedule("karras", 17).withCorrector(0.1, 2).toJson();
        assertEquals("pc karras 17 0.02 3.0 true 0.1 2", pc.get("sampler").asText() + " " + pc.get("schedule").asText() + " "
                + pc.get("steps").asInt() + " " + pc.get("sigma_min").asDouble() + " " + pc.get("sigma_max").asDouble() + " "
                + pc.get("denoise_final").asBoolean() + " " + pc.get("snr").asDouble() + " " + pc.get("corrector_steps").asInt());
        assertFalse(pc.has("langevin_eps"), pc.toString());
        JsonNode lv = SamplerConfig.defaults().withSampler("langevin").withLangevin(7, 3e-5).withDenoiseFinal(false).toJson();
        assertEquals(7, lv.get("langevin_steps_per_level").asInt());
        assertEquals(3e-5, lv.get("langevin_eps").asDouble(), 0);
        assertEquals(false, lv.get("denoise_final").asBoolean());
        assertFalse(lv.has("snr"), lv.toString());
        assertEquals(6, SamplerConfig.defaults().toJson().size(), "reverse-sde has no corrector or Langevin settings");
    }

    @Test
    void unknownSamplerOrScheduleIsAnInputError() {
        assertThrows(InputException.class, () -> SamplerConfig.defaults().withSampler("magic"));
        assertThrows(InputException.class, () -> SamplerConfig.defaults().withSchedule("cosine", 10));
        assertThrows(InputException.class, () -> SamplerConfig.defaults().withSchedule("geometric", 0));
    }
}
