package vn.caunoi.core.adoption;

import org.junit.jupiter.api.Test;
import vn.caunoi.core.resident.CitizenId;

import java.text.Normalizer;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The import's reading of the sex column: the usual spellings, read at once, mean what folding them means. */
class SexSpellingTest {

    @Test
    void every_usual_spelling_and_its_variants_read_as_folding_reads_them() {
        List<String> spellings = List.of("MALE", "Male", "male", "M", "m", "NAM", "Nam", "nam", "FEMALE", "Female", "female", "F", "f",
                "NỮ", "Nữ", "nữ", " Nữ ", "NU", "nu", "Nu", "mAlE", "x", "");
        for (String s : spellings) {
            for (String form : List.of(s, Normalizer.normalize(s, Normalizer.Form.NFD))) {
                CitizenId.Sex expected = switch (vn.caunoi.core.text.VietnameseText.folded(form)) {
                    case "male", "m", "nam" -> CitizenId.Sex.MALE;
                    case "female", "f", "nu" -> CitizenId.Sex.FEMALE;
                    default -> null;
                };
                assertThat(AdoptionLoader.sex(form)).as("'%s'", form).isEqualTo(expected);
            }
        }
        assertThat(AdoptionLoader.sex("Nữ")).isEqualTo(CitizenId.Sex.FEMALE);
        assertThat(AdoptionLoader.sex("Nam")).isEqualTo(CitizenId.Sex.MALE);
    }
}
