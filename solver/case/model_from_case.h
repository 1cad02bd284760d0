#ifndef noxflow_solver_case_model_from_case_h
#define noxflow_solver_case_model_from_case_h

#include <meshes/mesh_names.h>
#include <solver/case/case_parameters.h>
#include <solver/transport/nernst_planck_model.h>

namespace NOxFlow
{
  /**
   * @brief The Nernst-Planck model a case file describes on a geometry:
   * species and reactions, boundary names resolved to ids, reference
   * scales (largest inlet concentration and diffusivity, @p length), the
   * prescribed velocity and the inlet values. Throws an InputError for
   * names the geometry lacks.
   */
  template <int dim>
  NernstPlanckModel<dim>
  model_from_case(const CaseParameters    &prm,
                  const Meshes::MeshNames &names,
                  const double             length);
} // namespace NOxFlow

#endif
