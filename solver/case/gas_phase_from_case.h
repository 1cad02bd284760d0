#ifndef noxflow_solver_case_gas_phase_from_case_h
#define noxflow_solver_case_gas_phase_from_case_h

#include <meshes/mesh_names.h>
#include <solver/transport/gas_phase.h>

#include <memory>

namespace NOxFlow
{
  struct CaseParameters;

  /**
   * @brief The gas phase a checked case describes, on the mesh named by
   * @p names: species data, regions by material id (porosity from
   * Flow/Porous media), feed boundaries, and Henry solubilities at the
   * case's temperature, salted out by the inlet electrolyte's ions. Null
   * without a gas phase.
   */
  std::shared_ptr<const GasPhase>
  gas_phase_from_case(const CaseParameters    &prm,
                      const Meshes::MeshNames &names);
} // namespace NOxFlow

#endif
