//! Where a product sits in the person's routine: its step, when it is used, and its place
//! among the other products of that step (GUIDANCE §8: the person may reorder within a step).

use serde::{Deserialize, Serialize};

use crate::product::ProductId;
use crate::state::RoutineState;

use super::propose::propose;
use super::step::RoutineStep;
use super::usage::Usage;

/// A product's place. Products without one are "unsorted", never lost.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Placement {
    pub product_id: ProductId,
    pub step: RoutineStep,
    pub usage: Usage,
    /// Order within the step, lowest first; ties keep the order products were added.
    #[serde(default)]
    pub position: u32,
}

impl Placement {
    /// Product `product_id` at `step`, first in its step.
    pub fn new(product_id: ProductId, step: RoutineStep, usage: Usage) -> Placement {
        Placement {
            product_id,
            step,
            usage,
            position: 0,
        }
    }

    /// The sort key of a routine: layering order, then the person's order.
    pub fn order(&self) -> (RoutineStep, u32, ProductId) {
        (self.step, self.position, self.product_id)
    }
}

/// A product with its place, if it has one, and the step Needlewise proposes for it: what
/// the Products view and the wizard show for the person to confirm or change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProductPlace {
    pub product_id: ProductId,
    pub name: String,
    pub placement: Option<Placement>,
    pub proposed: Option<RoutineStep>,
}

/// Every product, in the order added, with its place.
pub fn places(state: &RoutineState) -> Vec<ProductPlace> {
    state
        .products
        .iter()
        .map(|p| ProductPlace {
            product_id: p.product.id,
            name: p.product.name.clone(),
            placement: state
                .placements
                .iter()
                .find(|pl| pl.product_id == p.product.id)
                .copied(),
            proposed: propose(&p.product.name, &p.classification),
        })
        .collect()
}
