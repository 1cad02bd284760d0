#ifndef noxflow_solver_flow_flow_problem_h
#define noxflow_solver_flow_flow_problem_h

#include <deal.II/base/function.h>
#include <deal.II/base/types.h>

#include <physics/flow/porous_medium.h>

#include <map>
#include <memory>
#include <set>

namespace NOxFlow
{
  /**
   * @brief The steady incompressible flow of the electrolyte on a mesh:
   * Navier-Stokes in open cells, Brinkman or Darcy in porous cells.
   *
   * Boundaries not listed as inlet, outlet or symmetry are no-slip walls.
   */
  template <int dim>
  struct FlowProblem
  {
    Physics::Fluid fluid;
    /// Porous media by cell material id; other cells are open fluid.
    std::map<dealii::types::material_id, Physics::PorousMedium> porous;

    /// Velocity (dim components, m/s) held on each inlet boundary.
    std::map<dealii::types::boundary_id,
             std::shared_ptr<const dealii::Function<dim>>>
      inlet_velocity;
    /// Outlets: the normal traction -p n + mu du/dn = -p_out n (do-nothing).
    std::map<dealii::types::boundary_id, double> outlet_pressure;
    /// Symmetry planes: u.n = 0, no tangential traction.
    std::set<dealii::types::boundary_id> symmetry;

    /// Body force (dim components, N/m3), for verification; may be null.
    std::shared_ptr<const dealii::Function<dim>> body_force;
    /// Convective term on (Navier-Stokes) or off (Stokes).
    bool inertia = true;

    /// Pressure is fixed by an outlet; otherwise only up to a constant.
    bool
    pressure_determined() const
    {
      return !outlet_pressure.empty();
    }

    const Physics::PorousMedium *
    medium(const dealii::types::material_id id) const
    {
      const auto it = porous.find(id);
      return it == porous.end() ? nullptr : &it->second;
    }
  };
} // namespace NOxFlow

#endif
