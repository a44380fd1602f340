#pragma once
// A comma-separated list of decimals from 0 to 1e6, such as energies "0,1,1,1" or a noise variance: the bound of
// experiment files (larger values only scale every error, and their squares overflow in simulate). Each item is
// returned as written, for exact reading (theory) or strtod (numeric). `option` names the list in messages
// ("--energies" for the command, "energies" for the library).
#include <string>
#include <vector>

namespace tristage {

std::vector<std::string> parse_nonnegative_list(const std::string& text, const std::string& option);

}  // namespace tristage
