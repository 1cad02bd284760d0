#ifndef noxflow_solver_transport_terms_electrode_surface_term_h
#define noxflow_solver_transport_terms_electrode_surface_term_h

#include <solver/transport/transport_term.h>

#include <map>
#include <vector>

namespace NOxFlow
{
  /**
   * @brief Butler-Volmer kinetics on the boundaries of surface electrodes:
   * each reaction k produces species s at nu_sk (-i_k) / (n_k F) per area
   * (a flux into the electrolyte), with i_k(c, eta) at the face's
   * concentrations and eta = phi_s - phi_l - E0_k. The working electrode's
   * current and its derivatives feed the galvanostatic constraint.
   */
  template <int dim>
  class ElectrodeSurfaceTerm : public FaceTerm<dim>
  {
  public:
    ElectrodeSurfaceTerm(const NernstPlanckModel<dim> &model,
                         const TransportRows<dim>     &rows);

    bool
    acts_on(const dealii::types::boundary_id boundary) const override;

    void
    add(const FaceState<dim> &state, LocalSystem &local) const override;

  private:
    using FaceTerm<dim>::model;
    using FaceTerm<dim>::rows;
    /// Surface electrode of each electrode boundary; its reactions.
    std::map<dealii::types::boundary_id, unsigned int> electrode_on;
    std::vector<std::vector<unsigned int>>             reactions_of;
    /// Scratch: per species, the scaled production and its derivatives by
    /// psi, by the metal potential and by the local DoFs; d i / d DoFs.
    mutable std::vector<double>              c_si, s_value, s_d_psi, s_d_phi_s;
    mutable std::vector<std::vector<double>> s_d_u;
    mutable std::vector<double>              i_d_u;
  };
} // namespace NOxFlow

#endif
