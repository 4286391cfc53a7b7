package vn.caunoi.core.digital;

import org.apache.ibatis.annotations.Param;

import java.util.List;

/** SQL of the catalogue of digital services (DigitalServiceMapper.xml beside it in resources). */
interface DigitalServiceMapper {

    int upsertService(@Param("s") ServiceRow service);

    int deleteStages(@Param("code") String code);

    int insertStages(@Param("list") List<StageRow> stages);

    List<ServiceRow> allServices();

    List<StageRow> allStages();
}
