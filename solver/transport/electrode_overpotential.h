#ifndef noxflow_solver_transport_electrode_overpotential_h
#define noxflow_solver_transport_electrode_overpotential_h

#include <physics/constants.h>
#include <physics/kinetics/electrode_reaction.h>

namespace NOxFlow
{
  /**
   * @brief The scaled overpotential F eta / RT of @p reaction, eta = phi_s -
   * phi_l - E0, from the scaled metal potential @p f_phi_s (F phi_s / RT of
   * the electrode, plus xi inside a porous electrode) and the scaled
   * electrolyte potential @p psi. One definition for the operator and the
   * diagnostics.
   */
  inline double
  scaled_overpotential(const Physics::ElectrodeReaction &reaction,
                       const double                      f_phi_s,
                       const double                      psi)
  {
    return f_phi_s - psi - reaction.f_over_rt * reaction.equilibrium_potential;
  }
} // namespace NOxFlow

#endif
