#ifndef noxflow_solver_base_version_h
#define noxflow_solver_base_version_h

namespace NOxFlow
{
  /// "0.9.0 (git describe of the build's source)": printed by --version,
  /// recorded in checkpoints (a restart needs the NOxFlow that wrote them).
  const char *
  version();
} // namespace NOxFlow

#endif
