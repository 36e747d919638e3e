// Writes a batch report (`userapi send --batch --report PATH`): CSV when PATH ends in .csv,
// else the JSON that --resume reads. Each file is replaced whole (written beside, then renamed),
// so an interrupted write never leaves half a report.
#pragma once

#include <string>
#include <vector>

#include "userapi/batch.h"

namespace cli {

/// Writes `report` to each of `paths`. False with `error` set when one cannot be written.
bool write_reports(const std::vector<std::string>& paths, const userapi::batch::BatchReport& report,
                   std::string& error);

}  // namespace cli
