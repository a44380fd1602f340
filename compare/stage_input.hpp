#pragma once
// The exact inputs of the limits (THEORY.md 6) from their text, as the commands and the library take them: energies
// such as "0,1,1,1" and one noise variance, each an exact decimal from 0 to 1e6 (core/decimal_list), and the time
// convention "half" or "plain". The names say which argument a message is about: "--energies" and "--noise" for the
// commands, "energies" and "noise" for the library. alpha is the caller's.
#include <string>

#include "theory/stages.hpp"

namespace tristage {

theory::StageInput stage_input(const std::string& energies, const std::string& noise, const std::string& convention,
                               const std::string& energies_name = "--energies", const std::string& noise_name = "--noise");

}  // namespace tristage
