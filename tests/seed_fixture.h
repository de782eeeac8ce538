// The bundled plan imported into a fresh database and loaded as the schedule
// sees it, for the tests of the timeline and of the messages.
#pragma once

#include <catch2/catch.hpp>

#include "app/plan_state.h"
#include "test_support.h"

namespace nhacviec::testing {

// The seed imported into a fresh database, loaded as the timeline sees it.
struct Seed {
    TempDir dir;
    Config config;
    AgencyDirectory directory = *AgencyDirectory::load_embedded();
    WorkingCalendar calendar{*OfficialSchedules::load_embedded()};
    app::PlanState state;

    Seed() { reload(config); }

    // Loads the imported seed again under another configuration.
    void reload(const Config& with) {
        config = with;
        const std::string db_path = (dir / "nv.db").string();
        if (!std::filesystem::exists(db_path))
            REQUIRE(run_cli({"--db", db_path, "import", seed_plan().string()}).status == 0);
        auto db = Database::open(db_path);
        REQUIRE(db.ok());
        auto loaded = app::load_plan_state(*db, config, directory);
        REQUIRE(loaded.ok());
        state = std::move(*loaded);
    }

    ScheduledTask& task(const std::string& code) {
        auto index = app::find_task(state, code, std::nullopt);
        REQUIRE(index.ok());
        return state.scheduled.mutable_at(*index);
    }
};

}  // namespace nhacviec::testing
