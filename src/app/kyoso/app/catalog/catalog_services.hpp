#pragma once

#include "kyoso/app/custom_field/custom_field_service.hpp"
#include "kyoso/app/lead/lead_service.hpp"
#include "kyoso/app/product/product_service.hpp"

namespace kyoso::app {

// The catalogue use cases the HTTP API and CLI hand out together: products,
// leads and custom field definitions. Non-owning.
struct CatalogServices {
    ProductService& products;
    LeadService& leads;
    CustomFieldService& custom_fields;
};

}  // namespace kyoso::app
